using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Orleans.Inference.Streaming;

/// <summary>Token streaming on a silo: its options, and the token stream provider when that transport is selected.</summary>
public static class TokenStreamingSiloBuilderExtensions
{
    /// <summary>
    /// Binds <see cref="StreamingOptions"/> (validated at start) and, when <see cref="StreamingOptions.Transport"/> is
    /// <see cref="TokenTransport.OrleansStreams"/>, adds the memory stream provider that carries tokens, tuned for latency.
    /// With the default transport no provider is added, so its pulling agents cost no idle CPU.
    /// </summary>
    public static ISiloBuilder AddTokenStreaming(this ISiloBuilder builder)
    {
        builder.Services.AddStreamingOptions();
        var options = builder.Configuration.GetSection(StreamingOptions.SectionName).Get<StreamingOptions>() ?? new StreamingOptions();
        if (options.Transport != TokenTransport.OrleansStreams) return builder;

        builder.AddMemoryStreams(TokenStreams.StreamProvider, streams =>
        {
            streams.ConfigurePartitioning(Math.Max(1, options.Queues));
            streams.ConfigurePullingAgent(agent => agent.Configure(o =>
            {
                // Each agent polls its queue this often: the delay a token waits before it moves, and the idle CPU the provider costs.
                o.GetQueueMsgsTimerPeriod = TimeSpan.FromMilliseconds(Math.Max(1, options.PullingPeriodMs));
            }));
            streams.ConfigureCacheEviction(eviction => eviction.Configure(o =>
            {
                // Tokens are read once, as they come; nobody rewinds a request's stream, so the cache need not keep them.
                o.DataMinTimeInCache = TimeSpan.FromSeconds(1);
                o.DataMaxAgeInCache = TimeSpan.FromSeconds(Math.Max(1, options.CacheSeconds));
                o.MetadataMinTimeInCache = TimeSpan.FromSeconds(Math.Max(1, options.CacheSeconds));
            }));
        });
        return builder;
    }

    /// <summary>Binds and validates <see cref="StreamingOptions"/>; the ApiHost uses it too.</summary>
    public static IServiceCollection AddStreamingOptions(this IServiceCollection services)
    {
        services.AddOptions<StreamingOptions>().BindConfiguration(StreamingOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StreamingOptions>, StreamingOptionsValidator>());
        return services;
    }
}
