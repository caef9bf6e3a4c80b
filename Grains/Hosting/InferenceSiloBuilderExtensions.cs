using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Inference.Backends;
using Orleans.Inference.Models;

namespace Orleans.Inference.Hosting;

/// <summary>Adds the inference grains' services to a silo.</summary>
public static class InferenceSiloBuilderExtensions
{
    /// <summary>
    /// Registers the model catalog (section <c>Inference</c>, validated at start), the backends and the
    /// start-up loader. Clustering is the host's choice and is not configured here.
    /// </summary>
    public static ISiloBuilder AddInference(this ISiloBuilder builder)
    {
        builder.Services.AddInferenceCatalog();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<BackendProvider>();
        builder.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, StartupModelLoader>();
        return builder;
    }

    /// <summary>Binds and validates the model catalog; the ApiHost uses it too.</summary>
    public static IServiceCollection AddInferenceCatalog(this IServiceCollection services)
    {
        services.AddOptions<InferenceOptions>().BindConfiguration(InferenceOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<InferenceOptions>, InferenceOptionsValidator>());
        return services;
    }
}
