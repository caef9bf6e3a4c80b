using Orleans.Inference.ApiHost.Errors;
using Orleans.Inference.ApiHost.Json;
using Orleans.Inference.ApiHost.Streaming;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Inference.Hosting;

namespace Orleans.Inference.ApiHost.Hosting;

/// <summary>The ApiHost's building blocks, so that Program.cs reads as a table of contents.</summary>
internal static class GatewayHostingExtensions
{
    /// <summary>Co-hosts an Orleans silo in this process (the embedded default): grain calls stay in-process.</summary>
    public static WebApplicationBuilder AddEmbeddedSilo(this WebApplicationBuilder builder)
    {
        builder.UseOrleans(silo => silo.UseInferenceClustering().AddInference());
        return builder;
    }

    /// <summary>The OpenAI-compatible API: JSON, errors in OpenAI's shape, token transport.</summary>
    public static IServiceCollection AddOpenAiApi(this IServiceCollection services)
    {
        services.AddInferenceCatalog();
        services.TryAddSingleton(TimeProvider.System);
        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower;
            json.SerializerOptions.TypeInfoResolverChain.Insert(0, OpenAiJsonContext.Default);
        });
        services.AddExceptionHandler<OpenAiExceptionHandler>();
        services.AddProblemDetails();
        services.AddSingleton<ITokenTransport, GrainCallTokenTransport>();
        return services;
    }
}
