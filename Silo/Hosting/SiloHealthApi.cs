using Orleans.Inference.Hosting;
using static Orleans.Inference.Hosting.SiloHealthChecksBuilderExtensions;

namespace Orleans.Inference.Silo.Hosting;

/// <summary>
/// The Silo's probes: <c>/health/live</c> (the process is up and serving HTTP) and <c>/health/ready</c> (its silo is an
/// active member of the cluster). Both answer 200 <c>Healthy</c> or 503 <c>Unhealthy</c> as plain text.
/// </summary>
internal static class SiloHealthApi
{
    public static IServiceCollection AddSiloHealth(this IServiceCollection services)
    {
        services.AddHealthChecks().AddProcessAndSilo();
        return services;
    }

    public static IEndpointRouteBuilder MapSiloHealth(this IEndpointRouteBuilder routes)
    {
        routes.MapHealthChecks("/health/live", new() { Predicate = check => check.Tags.Contains(Live) });
        routes.MapHealthChecks("/health/ready", new() { Predicate = check => check.Tags.Contains(Ready) });
        return routes;
    }
}
