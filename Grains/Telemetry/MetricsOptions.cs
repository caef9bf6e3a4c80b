namespace Orleans.Inference.Telemetry;

/// <summary>
/// OpenTelemetry metrics (section <c>Inference:Metrics</c>). Every host serves them at <c>/metrics</c> for Prometheus to
/// scrape; with an OTLP endpoint (this one, or the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> variable) they are also
/// pushed there.
/// </summary>
public sealed class MetricsOptions
{
    public const string SectionName = "Inference:Metrics";

    /// <summary>Where metrics are pushed over OTLP (gRPC on port 4317 or HTTP/protobuf on 4318, per <see cref="OtlpProtocol"/>).</summary>
    public Uri? OtlpEndpoint { get; set; }

    /// <summary><c>grpc</c> or <c>http/protobuf</c>, as OTEL_EXPORTER_OTLP_PROTOCOL spells them.</summary>
    public string OtlpProtocol { get; set; } = "grpc";

    /// <summary>How often metrics are pushed over OTLP.</summary>
    public TimeSpan OtlpExportInterval { get; set; } = TimeSpan.FromSeconds(10);
}
