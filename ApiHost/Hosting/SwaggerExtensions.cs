using Microsoft.OpenApi;
using Orleans.Inference.OpenAiProtocol.Json;

namespace Orleans.Inference.ApiHost.Hosting;

/// <summary>Swagger UI at <c>/swagger</c>, the document at <c>/swagger/v1/swagger.json</c>.</summary>
internal static class SwaggerExtensions
{
    public static IServiceCollection AddGatewaySwagger(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(swagger =>
        {
            swagger.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "Orleans.Inference",
                Version = "v1",
                Description =
                    "An OpenAI-compatible inference gateway on Microsoft Orleans. The default backend is a SIMULATION: " +
                    "simulated models (owned_by \"simulator\") return deterministic pseudo-text, and their speed is a cost model, " +
                    "not a real model's.",
            });
            // The request and response types are documented in the protocol library, the endpoints here.
            foreach (var assembly in new[] { "Orleans.Inference.ApiHost", "Orleans.Inference.OpenAiProtocol" })
            {
                var xml = Path.Combine(AppContext.BaseDirectory, assembly + ".xml");
                if (File.Exists(xml)) swagger.IncludeXmlComments(xml);
            }
            swagger.MapType<StringOrArray>(() => new OpenApiSchema
            {
                OneOf =
                [
                    new OpenApiSchema { Type = JsonSchemaType.String },
                    new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
                ],
            });
            swagger.MapType<MessageContent>(() => new OpenApiSchema { Type = JsonSchemaType.String });
        });
        return services;
    }

    public static WebApplication UseGatewaySwagger(this WebApplication app)
    {
        app.UseSwagger();
        app.UseSwaggerUI(ui => ui.SwaggerEndpoint("/swagger/v1/swagger.json", "Orleans.Inference v1"));
        return app;
    }
}
