using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Inference.Backends;
using Orleans.Inference.Backends.Http;
using Orleans.Inference.Batching;
using Orleans.Inference.Models;
using Orleans.Inference.Placement;
using Orleans.Inference.Streaming;
using Orleans.Inference.Telemetry;
using Orleans.Storage;

namespace Orleans.Inference.Hosting;

/// <summary>Adds the inference grains' services to a silo.</summary>
public static class InferenceSiloBuilderExtensions
{
    /// <summary>
    /// Registers the model catalog (section <c>Inference</c>, validated at start), the backends, the start-up loader,
    /// the inference grain storage and the stream subscription store (memory unless the host, or Redis clustering, registered them),
    /// the memory streams that carry model events, and token streaming
    /// (<see cref="TokenStreamingSiloBuilderExtensions.AddTokenStreaming"/>). Clustering is the host's choice.
    /// </summary>
    public static ISiloBuilder AddInference(this ISiloBuilder builder)
    {
        builder.Services.AddInferenceCatalog();
        builder.Services.TryAddKeyedSingleton(InferenceTime.Key, TimeProvider.System);
        builder.Services.TryAddKeyedSingleton(QuotaTime.Key, TimeProvider.System);
        builder.Services.TryAddSingleton<BackendProvider>();
        builder.Services.TryAddSingleton<BackendEndpoints>();
        builder.Services.TryAddSingleton<IBackendReachability>(services => services.GetRequiredService<BackendEndpoints>());
        builder.Services.AddHostedService<BackendWarmup>();
        builder.Services.TryAddSingleton<LoadedModels>();
        builder.Services.TryAddSingleton<BatchingMetrics>();
        builder.Services.TryAddSingleton<ModelMetrics>();
        builder.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, StartupModelLoader>();
        builder.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, ShutdownDrain>();
        builder.AddPlacementDirector<ModelColocatedPlacement, ModelColocatedPlacementDirector>();
        if (!HasGrainStorage(builder, InferenceStorage.Name)) builder.AddMemoryGrainStorage(InferenceStorage.Name);
        if (!HasGrainStorage(builder, InferenceStorage.PubSub)) builder.AddMemoryGrainStorage(InferenceStorage.PubSub);
        builder.AddMemoryStreams(ModelEvents.StreamProvider, streams =>
        {
            // A few events per load: two queues polled four times a second cost little idle CPU, and latency is no concern.
            streams.ConfigurePartitioning(2);
            streams.ConfigurePullingAgent(agent => agent.Configure(o => o.GetQueueMsgsTimerPeriod = TimeSpan.FromMilliseconds(250)));
        });
        builder.AddTokenStreaming();
        // Grain calls carry their caller's trace only when someone traces: the filters cost every call otherwise.
        if (TracingServiceCollectionExtensions.Read(builder.Configuration).IsOn) builder.AddActivityPropagation();
        return builder;
    }

    private static bool HasGrainStorage(ISiloBuilder builder, string name) =>
        builder.Services.Any(service => service.ServiceType == typeof(IGrainStorage) && Equals(service.ServiceKey, name));

    /// <summary>Binds and validates the model catalog; the ApiHost uses it too.</summary>
    public static IServiceCollection AddInferenceCatalog(this IServiceCollection services)
    {
        // The co-hosting ApiHost and its silo both ask for it: binding twice would append every list (a backend's replicas) twice.
        if (services.Any(service => service.ServiceType == typeof(IModelCatalog))) return services;
        services.AddOptions<InferenceOptions>().BindConfiguration(InferenceOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<InferenceOptions>, InferenceOptionsValidator>());
        services.TryAddSingleton<IModelCatalog, ModelCatalog>();
        return services;
    }
}
