using OpenTelemetry.Metrics;
using Orleans.Inference.ApiHost.Auth;
using Orleans.Inference.Batching;

namespace Orleans.Inference.ApiHost.Hosting;

/// <summary>
/// OpenTelemetry metrics in Prometheus format at <c>/metrics</c>: ASP.NET Core, HttpClient, Orleans, the runtime, ours
/// (<see cref="BatchingMetrics"/>, <see cref="RequestMetrics"/>) and the precise allocation count the Bench reads
/// (<see cref="AllocationMetrics"/>).
/// </summary>
internal static class MetricsExtensions
{
    public static IServiceCollection AddGatewayMetrics(this IServiceCollection services)
    {
        AllocationMetrics.EnsureCreated();
        services.AddSingleton<RequestMetrics>();
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter("System.Runtime", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Net.Http",
                "Microsoft.AspNetCore.Authentication", "Microsoft.AspNetCore.Authorization", "Microsoft.AspNetCore.RateLimiting",
                BatchingMetrics.MeterName, AllocationMetrics.MeterName, "Microsoft.Orleans")
            .AddPrometheusExporter(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0));
        return services;
    }

    /// <summary>Counts and logs generation requests by outcome; goes before the exception handler, to see the statuses it sets.</summary>
    public static WebApplication UseGatewayRequestMetrics(this WebApplication app)
    {
        RequestMetrics.UseRequestMetrics(app);
        return app;
    }

    public static WebApplication MapGatewayMetrics(this WebApplication app)
    {
        app.MapPrometheusScrapingEndpoint("/metrics").RequireGatewayAccess(GatewayAccess.Metrics);
        return app;
    }
}
