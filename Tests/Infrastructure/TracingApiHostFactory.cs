using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using OpenTelemetry.Trace;

namespace Orleans.Inference.Tests.Infrastructure;

/// <summary>
/// The real ApiHost with tracing on (spans collected in memory), metrics pushed over OTLP to a receiver of its own, debug
/// logs collected, and one model served over HTTP by a real Simulator, beside an endpoint whose only replica never
/// answers: what request ids, traces, OTLP export and the backends' readiness are seen through.
/// </summary>
public sealed class TracingApiHostFactory : ApiHostFactory
{
    /// <summary>Served by <see cref="Simulator"/>, one backend request per sequence.</summary>
    public const string Model = "traced";

    /// <summary>The endpoint whose replica nobody listens on.</summary>
    public const string Unreachable = "nowhere";

    public SimulatorProcess Simulator { get; private set; } = null!;

    /// <summary>Where the host pushes its metrics (OTLP over HTTP, every second).</summary>
    public OtlpReceiver Otlp { get; private set; } = null!;

    /// <summary>Every span the host has finished, as a processor in its tracer provider sees them end.</summary>
    public SpanCollector Spans { get; } = new();

    /// <summary>The host's log, debug and up.</summary>
    public FakeLogCollector Logs => Services.GetFakeLogCollector();

    public override async Task InitializeAsync()
    {
        Simulator = await SimulatorProcess.StartAsync();
        Otlp = await OtlpReceiver.StartAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Simulator.DisposeAsync();
        await Otlp.DisposeAsync();
    }

    protected override void AddSettings(Dictionary<string, string?> settings)
    {
        settings["Inference:Tracing:Enabled"] = "true";
        settings["Inference:Metrics:OtlpEndpoint"] = Otlp.MetricsEndpoint.ToString();
        settings["Inference:Metrics:OtlpProtocol"] = "http/protobuf";
        settings["Inference:Metrics:OtlpExportInterval"] = "00:00:01";
        settings["Logging:LogLevel:Orleans.Inference"] = "Debug";
        settings["Inference:Backends:sim:Replicas:0"] = Simulator.BaseAddress.ToString();
        settings[$"Inference:Backends:{Unreachable}:Replicas:0"] = $"http://127.0.0.1:{RefusingPort}/";
        settings[$"Inference:Models:{Model}:Backend"] = "OpenAI";
        settings[$"Inference:Models:{Model}:OwnedBy"] = "simulator";
        settings[$"Inference:Models:{Model}:LoadOnStart"] = "true";
        settings[$"Inference:Models:{Model}:OpenAI:Endpoint"] = "sim";
        settings[$"Inference:Models:{Model}:OpenAI:Model"] = "sim-instant";
        settings[$"Inference:Models:{Model}:OpenAI:ArrayBatching"] = "false";
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services =>
        {
            services.AddFakeLogging();
            services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddProcessor(Spans));
        });
    }
}

[CollectionDefinition(Name)]
public sealed class TracingApiHostCollection : ICollectionFixture<TracingApiHostFactory>
{
    public const string Name = "apihost-tracing";
}
