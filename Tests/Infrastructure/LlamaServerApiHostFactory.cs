namespace Orleans.Inference.Tests.Infrastructure;

/// <summary>
/// The real ApiHost in front of Simulators that treat connections as llama.cpp's server does: <see cref="Closing"/>, whose
/// connection faults each test sets (closing after streams, or after a number of requests, without warning), and
/// <see cref="Threads"/>, which serves connections on 6 threads (4 slots) and keeps idle ones for 5 s, behind a pool
/// configured larger than that.
/// </summary>
public sealed class LlamaServerApiHostFactory : ApiHostFactory
{
    /// <summary>On <see cref="Closing"/>: every sequence its own request, over at most <see cref="ClosingPool"/> connections.</summary>
    public const string ClosingModel = "llama-closing";

    /// <summary>On <see cref="Threads"/>, whose pool is configured at <see cref="ThreadsPool"/> connections.</summary>
    public const string ThreadsModel = "llama-threads";

    public const int ClosingPool = 6;

    /// <summary>The serving threads of <see cref="Threads"/>: its 4 slots and 2 more, as llama.cpp's server counts them.</summary>
    public const int ServingThreads = 6;

    /// <summary>Larger than the server's threads, as a user who sizes the pool by instinct sets it.</summary>
    public const int ThreadsPool = 8;

    public SimulatorProcess Closing { get; private set; } = null!;

    public SimulatorProcess Threads { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        var started = await Task.WhenAll(
            SimulatorProcess.StartAsync(),
            SimulatorProcess.StartAsync($"--Simulator:Faults:ServingThreads={ServingThreads}", "--Simulator:Faults:KeepAliveSeconds=5"));
        (Closing, Threads) = (started[0], started[1]);
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Closing.DisposeAsync();
        await Threads.DisposeAsync();
    }

    protected override void AddSettings(Dictionary<string, string?> settings)
    {
        settings["Inference:Backends:closing:Replicas:0"] = Closing.BaseAddress.ToString();
        settings["Inference:Backends:closing:Pool:MaxConnectionsPerServer"] = ClosingPool.ToString();
        settings["Inference:Backends:threads:Replicas:0"] = Threads.BaseAddress.ToString();
        settings["Inference:Backends:threads:Pool:MaxConnectionsPerServer"] = ThreadsPool.ToString();
        foreach (var (model, endpoint) in new[] { (ClosingModel, "closing"), (ThreadsModel, "threads") })
        {
            settings[$"Inference:Models:{model}:Backend"] = "OpenAI";
            settings[$"Inference:Models:{model}:OwnedBy"] = "simulator";
            settings[$"Inference:Models:{model}:LoadOnStart"] = "true";
            settings[$"Inference:Models:{model}:Batching:MaxConcurrentBatches"] = "16";
            settings[$"Inference:Models:{model}:OpenAI:Endpoint"] = endpoint;
            settings[$"Inference:Models:{model}:OpenAI:Model"] = "sim-instant";
            settings[$"Inference:Models:{model}:OpenAI:ArrayBatching"] = "false";
        }
    }
}

[CollectionDefinition(Name)]
public sealed class LlamaServerCollection : ICollectionFixture<LlamaServerApiHostFactory>
{
    public const string Name = "apihost-llama-server";
}
