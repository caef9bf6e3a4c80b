using OpenTelemetry.Metrics;
using Orleans.Inference.Batching;

namespace Orleans.Inference.ApiHost.Hosting;

/// <summary>
/// OpenTelemetry metrics in Prometheus format at <c>/metrics</c>: HttpClient, Orleans, the runtime (including
/// <c>dotnet.gc.heap.total_allocated</c>, which the Bench reads for bytes per request) and ASP.NET Core.
/// </summary>
internal static class MetricsExtensions
{
    public static IServiceCollection AddGatewayMetrics(this IServiceCollection services)
    {
        AllocationMetrics.EnsureCreated();
        services.AddSingleton<RequestMetrics>();
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter("System.Runtime", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Net.Http", BatchingMetrics.MeterName, AllocationMetrics.MeterName, "Microsoft.Orleans")
            .AddPrometheusExporter(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0));
        return services;
    }

    /// <summary>Counts generation requests by outcome; goes before the exception handler, to see the statuses it sets.</summary>
    public static WebApplication UseGatewayRequestMetrics(this WebApplication app)
    {
        RequestMetrics.UseRequestMetrics(app);
        return app;
    }

    public static WebApplication MapGatewayMetrics(this WebApplication app)
    {
        app.MapPrometheusScrapingEndpoint("/metrics");
        return app;
    }
}
