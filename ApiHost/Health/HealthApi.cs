using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Inference.ApiHost.Auth;
using Orleans.Inference.Hosting;
using static Orleans.Inference.Hosting.SiloHealthChecksBuilderExtensions;

namespace Orleans.Inference.ApiHost.Health;

/// <summary>
/// <c>/health/live</c>: the process is up and serving HTTP. <c>/health/ready</c>: its silo is an active cluster member,
/// at least one model is ready, and its HTTP backends are reachable (<see cref="BackendsHealthCheck"/>). Both answer 200
/// (healthy or degraded) or 503 with each check's status and description as JSON.
/// </summary>
public static class HealthApi
{
    /// <summary>Registers the checks behind both endpoints.</summary>
    public static IServiceCollection AddGatewayHealth(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddProcessAndSilo()
            .AddCheck<ModelsHealthCheck>("models", tags: [Ready])
            .AddCheck<BackendsHealthCheck>("backends", tags: [Ready], timeout: TimeSpan.FromSeconds(5));
        return services;
    }

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder routes)
    {
        routes.MapHealthChecks("/health/live", Options(Live)).WithTags("Health").WithName("Live").WithSummary("The process is up")
            .RequireGatewayAccess(GatewayAccess.Health);
        routes.MapHealthChecks("/health/ready", Options(Ready)).WithTags("Health").WithName("Ready")
            .WithSummary("The silo has joined its cluster, at least one model is ready and the HTTP backends are reachable")
            .RequireGatewayAccess(GatewayAccess.Health);
        return routes;
    }

    private static HealthCheckOptions Options(string tag) => new()
    {
        Predicate = check => check.Tags.Contains(tag),
        ResponseWriter = WriteAsync,
    };

    private static Task WriteAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(http.Response.Body, new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(
                entry => entry.Key,
                entry => new { status = entry.Value.Status.ToString(), description = entry.Value.Description, data = entry.Value.Data }),
        });
    }
}
