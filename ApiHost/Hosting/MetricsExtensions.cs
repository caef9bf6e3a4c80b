using Orleans.Inference.ApiHost.Auth;
using Orleans.Inference.Telemetry;

namespace Orleans.Inference.ApiHost.Hosting;

/// <summary>
/// OpenTelemetry metrics in Prometheus format at <c>/metrics</c> (and over OTLP when configured): the meters every host
/// exports (<see cref="MetricsServiceCollectionExtensions.Meters"/>: the runtime, HttpClient, Orleans, Polly, ours), plus
/// ASP.NET Core's authentication, authorization and rate limiting, <see cref="RequestMetrics"/> and the precise allocation
/// count the Bench reads (<see cref="AllocationMetrics"/>).
/// </summary>
internal static class MetricsExtensions
{
    public static IServiceCollection AddGatewayMetrics(this IServiceCollection services, IConfiguration configuration)
    {
        AllocationMetrics.EnsureCreated();
        services.AddSingleton<RequestMetrics>();
        services.AddInferenceMetrics(configuration,
            "Microsoft.AspNetCore.Authentication", "Microsoft.AspNetCore.Authorization", "Microsoft.AspNetCore.RateLimiting", AllocationMetrics.MeterName);
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
        app.MapInferenceMetrics().RequireGatewayAccess(GatewayAccess.Metrics);
        return app;
    }
}
