using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using Orleans.Inference.Batching;

namespace Orleans.Inference.Telemetry;

/// <summary>
/// OpenTelemetry metrics for the ApiHost and the Silo alike (see <see cref="MetricsOptions"/>): the same meters in both,
/// since batches, queues and backend connections live wherever the batch grains do, which in a cluster is mostly on the
/// compute-only silos.
/// </summary>
public static class MetricsServiceCollectionExtensions
{
    /// <summary>
    /// The meters every host exports: the runtime, HttpClient (backend connections), Kestrel and ASP.NET Core hosting,
    /// Orleans, Polly (retries, circuit breakers, timeouts of the HTTP backends) and the gateway's own.
    /// </summary>
    public static readonly IReadOnlyList<string> Meters =
    [
        "System.Runtime", "System.Net.Http", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.Orleans", "Polly", BatchingMetrics.MeterName,
    ];

    /// <summary>Registers the meters (and <paramref name="more"/>), the Prometheus exporter, and OTLP export when an endpoint is configured.</summary>
    public static IServiceCollection AddInferenceMetrics(this IServiceCollection services, IConfiguration configuration, params string[] more)
    {
        services.AddOptions<MetricsOptions>().BindConfiguration(MetricsOptions.SectionName)
            .Validate(o => o.OtlpProtocol is "grpc" or "http/protobuf", $"{MetricsOptions.SectionName}:OtlpProtocol must be grpc or http/protobuf.")
            .Validate(o => o.OtlpEndpoint is null || o.OtlpEndpoint.IsAbsoluteUri, $"{MetricsOptions.SectionName}:OtlpEndpoint must be an absolute URL.")
            .Validate(o => o.OtlpExportInterval >= TimeSpan.FromSeconds(1), $"{MetricsOptions.SectionName}:OtlpExportInterval must be at least a second.")
            .ValidateOnStart();
        var options = configuration.GetSection(MetricsOptions.SectionName).Get<MetricsOptions>() ?? new MetricsOptions();
        services.AddOpenTelemetry().WithMetrics(metrics =>
        {
            metrics.AddMeter([.. Meters, .. more])
                .AddPrometheusExporter(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0);
            if (options.OtlpEndpoint is { } endpoint)
            {
                metrics.AddOtlpExporter((otlp, reader) =>
                {
                    otlp.Endpoint = endpoint;
                    otlp.Protocol = options.OtlpProtocol == "grpc" ? OtlpExportProtocol.Grpc : OtlpExportProtocol.HttpProtobuf;
                    reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)options.OtlpExportInterval.TotalMilliseconds;
                });
            }
            else if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT")))
            {
                // The exporter reads the standard OTEL_EXPORTER_OTLP_* variables itself.
                metrics.AddOtlpExporter();
            }
        });
        return services;
    }

    /// <summary>Serves the metrics in Prometheus' text format at <c>/metrics</c>.</summary>
    public static IEndpointConventionBuilder MapInferenceMetrics(this IEndpointRouteBuilder routes) =>
        routes.MapPrometheusScrapingEndpoint("/metrics");
}
