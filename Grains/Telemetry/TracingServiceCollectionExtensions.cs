using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Exporter;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Orleans.Diagnostics;

namespace Orleans.Inference.Telemetry;

/// <summary>OpenTelemetry tracing for the ApiHost and the Silo alike (see <see cref="TracingOptions"/>).</summary>
public static class TracingServiceCollectionExtensions
{
    /// <summary>
    /// When <see cref="TracingOptions.IsOn"/>: records the gateway's batch spans, Orleans' grain-call spans and HttpClient's,
    /// plus whatever <paramref name="instrument"/> adds (ASP.NET Core's, in the ApiHost), and exports them over OTLP when an
    /// endpoint is set. Otherwise registers nothing but the options, so untraced requests pay nothing.
    /// </summary>
    public static IServiceCollection AddInferenceTracing(
        this IServiceCollection services, IConfiguration configuration, Action<TracerProviderBuilder>? instrument = null)
    {
        services.AddOptions<TracingOptions>().BindConfiguration(TracingOptions.SectionName)
            .Validate(o => o.SampleRatio is >= 0 and <= 1, $"{TracingOptions.SectionName}:SampleRatio must be between 0 and 1.")
            .Validate(o => o.OtlpProtocol is "grpc" or "http/protobuf", $"{TracingOptions.SectionName}:OtlpProtocol must be grpc or http/protobuf.")
            .Validate(o => o.OtlpEndpoint is null || o.OtlpEndpoint.IsAbsoluteUri, $"{TracingOptions.SectionName}:OtlpEndpoint must be an absolute URL.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.ServiceName), $"{TracingOptions.SectionName}:ServiceName must not be empty.")
            .ValidateOnStart();
        var options = Read(configuration);
        if (!options.IsOn) return services;
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(options.ServiceName))
            .WithTracing(tracing =>
            {
                // Orleans counts our grains (namespace Orleans.Inference) as its runtime's; the sampler keeps its own calls out.
                tracing.SetSampler(new GrainCallSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(options.SampleRatio))))
                    .AddSource(
                        InferenceActivities.SourceName, ActivitySources.ApplicationGrainActivitySourceName, ActivitySources.RuntimeActivitySourceName)
                    .AddHttpClientInstrumentation();
                instrument?.Invoke(tracing);
                if (options.OtlpEndpoint is { } endpoint)
                {
                    tracing.AddOtlpExporter(otlp =>
                    {
                        otlp.Endpoint = endpoint;
                        otlp.Protocol = options.OtlpProtocol == "grpc" ? OtlpExportProtocol.Grpc : OtlpExportProtocol.HttpProtobuf;
                    });
                }
                else if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT")))
                {
                    // The exporter reads the standard OTEL_EXPORTER_OTLP_* variables itself.
                    tracing.AddOtlpExporter();
                }
            });
        return services;
    }

    /// <summary>The options as configured now: silo filters and exporters are chosen while the host is built.</summary>
    public static TracingOptions Read(IConfiguration configuration) =>
        configuration.GetSection(TracingOptions.SectionName).Get<TracingOptions>() ?? new TracingOptions();
}
