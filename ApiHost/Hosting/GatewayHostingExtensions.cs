using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Inference.ApiHost.Errors;
using Orleans.Inference.ApiHost.Json;
using Orleans.Inference.ApiHost.Streaming;
using Orleans.Inference.Hosting;
using Orleans.Inference.OpenAiProtocol.Json;
using Orleans.Inference.Streaming;
using Orleans.Inference.Telemetry;

namespace Orleans.Inference.ApiHost.Hosting;

/// <summary>The ApiHost's building blocks, so that Program.cs reads as a table of contents.</summary>
internal static class GatewayHostingExtensions
{
    /// <summary>
    /// Co-hosts an Orleans silo in this process (the embedded default, or a member of a Redis cluster): grain calls to
    /// grains here stay in-process. With <c>Orleans:Mode=Client</c> the host runs no silo and calls the cluster's.
    /// </summary>
    public static WebApplicationBuilder AddOrleansMember(this WebApplicationBuilder builder)
    {
        if (ClusteringSiloBuilderExtensions.ReadClustering(builder.Configuration).Mode == ClusterMode.Client)
        {
            builder.UseOrleansClient(client =>
            {
                client.UseInferenceClustering();
                // The one stream this host reads: tokens, when that transport is chosen (model events come by grain call).
                var streaming = builder.Configuration.GetSection(StreamingOptions.SectionName).Get<StreamingOptions>() ?? new StreamingOptions();
                if (streaming.Transport == TokenTransport.OrleansStreams) client.AddMemoryStreams(TokenStreams.StreamProvider);
                // The silos' filters continue the trace only if this host's calls carry it.
                if (TracingServiceCollectionExtensions.Read(builder.Configuration).IsOn) client.AddActivityPropagation();
            });
            return builder;
        }

        builder.UseOrleans(silo => silo.UseInferenceClustering().AddInference());
        return builder;
    }

    /// <summary>The token transport that <c>Inference:Streaming:Transport</c> selects (see <see cref="StreamingOptions"/>).</summary>
    public static IServiceCollection AddTokenTransport(this IServiceCollection services)
    {
        services.AddStreamingOptions();
        services.TryAddSingleton<GrainCallTokenTransport>();
        services.TryAddSingleton<TokenStreamHub>();
        services.TryAddSingleton<OrleansStreamsTokenTransport>();
        services.TryAddSingleton<ITokenTransport>(provider =>
            provider.GetRequiredService<IOptions<StreamingOptions>>().Value.Transport == TokenTransport.OrleansStreams
                ? provider.GetRequiredService<OrleansStreamsTokenTransport>()
                : provider.GetRequiredService<GrainCallTokenTransport>());
        return services;
    }

    /// <summary>The OpenAI-compatible API: JSON, errors in OpenAI's shape, token transport.</summary>
    public static IServiceCollection AddOpenAiApi(this IServiceCollection services)
    {
        services.AddInferenceCatalog();
        services.TryAddSingleton(TimeProvider.System);
        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower;
            json.SerializerOptions.TypeInfoResolverChain.Insert(0, GatewayJsonContext.Default);
            json.SerializerOptions.TypeInfoResolverChain.Insert(0, OpenAiJsonContext.Default);
        });
        services.AddExceptionHandler<OpenAiExceptionHandler>();
        services.AddProblemDetails();
        services.AddTokenTransport();
        return services;
    }
}
