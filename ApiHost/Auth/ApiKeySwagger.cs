using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Orleans.Inference.ApiHost.Auth;

/// <summary>
/// With keys configured, the Swagger document declares the Bearer scheme, and each operation that needs a key says so,
/// with its 401 (and 403 on the admin API, 429 under rate limits): Swagger UI's Authorize button then sends the key.
/// </summary>
internal sealed class ApiKeySwagger(ApiKeyRing keys) : IOperationFilter
{
    public const string SchemeName = "Bearer";

    public static void Configure(SwaggerGenOptions swagger)
    {
        swagger.AddSecurityDefinition(SchemeName, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "An API key from Auth:ApiKeys, or from Auth:AdminKeys, which the admin API needs: Authorization: Bearer YOUR_KEY.",
        });
        swagger.OperationFilter<ApiKeySwagger>();
    }

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<GatewayAccessMetadata>().FirstOrDefault() is not { } access) return;

        operation.Security ??= [];
        operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, context.Document)] = [] });
        operation.Responses ??= [];
        operation.Responses.TryAdd("401", new OpenApiResponse { Description = "No key, a malformed Authorization header or a wrong key." });
        if (access.Access == GatewayAccess.Admin)
            operation.Responses.TryAdd("403", new OpenApiResponse { Description = "An inference key: the admin API needs an admin key." });
        if (access.Access == GatewayAccess.Inference && keys.HasLimits)
            operation.Responses.TryAdd("429", new OpenApiResponse { Description = "Over the key's rate or concurrent requests, with Retry-After." });
    }
}
