namespace Orleans.Inference.Telemetry;

/// <summary>
/// OpenTelemetry tracing (section <c>Inference:Tracing</c>): spans from the HTTP request through the grain calls and the
/// batch to the backend's HTTP call. Off unless enabled or an OTLP endpoint is set, because every traced request allocates
/// its spans; the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> variable counts as an endpoint.
/// </summary>
public sealed class TracingOptions
{
    public const string SectionName = "Inference:Tracing";

    /// <summary>Records spans even with no exporter configured, for in-process listeners (dotnet-trace, tests).</summary>
    public bool Enabled { get; set; }

    /// <summary>Where spans are exported over OTLP (gRPC on port 4317 or HTTP/protobuf on 4318, per <see cref="OtlpProtocol"/>).</summary>
    public Uri? OtlpEndpoint { get; set; }

    /// <summary><c>grpc</c> or <c>http/protobuf</c>, as OTEL_EXPORTER_OTLP_PROTOCOL spells them.</summary>
    public string OtlpProtocol { get; set; } = "grpc";

    /// <summary>The share of new traces recorded; a request that arrives with a sampled traceparent is always recorded.</summary>
    public double SampleRatio { get; set; } = 1.0;

    /// <summary>The service name spans carry (OpenTelemetry's <c>service.name</c>).</summary>
    public string ServiceName { get; set; } = "orleans-inference";

    /// <summary>True when spans are recorded at all.</summary>
    public bool IsOn => Enabled || OtlpEndpoint is not null || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT"));
}
