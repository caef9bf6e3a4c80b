namespace Orleans.Inference.Tests.Infrastructure;

/// <summary>
/// The real ApiHost serving models of kind OpenAI from real Simulator processes over loopback. Each endpoint has replicas of
/// its own, so a test that kills or faults one touches nobody else's: <see cref="Shared"/> (two replicas, for ordinary
/// traffic), <see cref="Failover"/> (two, one gets killed), <see cref="Breaker"/> (two, one gets faulted) and
/// <see cref="Errors"/> (one, whose faults each test sets).
/// </summary>
public sealed class HttpBackendApiHostFactory : ApiHostFactory
{
    /// <summary>Completions batched as arrays: a batch leaves at <see cref="ArrayBatchSize"/> requests (or after a second).</summary>
    public const string Arrays = "http-arrays";

    /// <summary>Every sequence its own backend request.</summary>
    public const string Singles = "http-singles";

    /// <summary>Free on the Simulator, for volume.</summary>
    public const string Instant = "http-instant";

    /// <summary>On the failover endpoint.</summary>
    public const string FailoverModel = "http-failover";

    /// <summary>On the breaker endpoint.</summary>
    public const string BreakerModel = "http-breaker";

    /// <summary>On the errors endpoint: no retries, a one-second attempt timeout.</summary>
    public const string ErrorsModel = "http-errors";

    /// <summary>On the prefix endpoint: two replicas with a prefix cache, chosen by prefix affinity.</summary>
    public const string PrefixModel = "http-prefix";

    /// <summary>
    /// On the prefix replicas with array batching (a batch leaves at <see cref="ArrayBatchSize"/> requests or after a second):
    /// an array whose prompts prefer different replicas is split by replica.
    /// </summary>
    public const string PrefixSplitModel = "http-prefix-split";

    /// <summary>As <see cref="PrefixSplitModel"/>, on an endpoint that sends an array whole where most of its prompts prefer.</summary>
    public const string PrefixMajorityModel = "http-prefix-majority";

    /// <summary>Names a model the Simulator does not serve: its load fails.</summary>
    public const string MissingModel = "http-missing";

    /// <summary>Requests of one array batch on <see cref="Arrays"/>.</summary>
    public const int ArrayBatchSize = 6;

    /// <summary>How long the errors endpoint waits on a silent stream.</summary>
    public static readonly TimeSpan StreamIdleTimeout = TimeSpan.FromSeconds(1);

    /// <summary>Most connections per replica of the shared endpoint.</summary>
    public const int MaxConnections = 8;

    /// <summary>Connections opened to each replica before any request.</summary>
    public const int WarmConnections = 4;

    public SimulatorProcess[] Shared { get; private set; } = [];

    public SimulatorProcess[] Failover { get; private set; } = [];

    public SimulatorProcess[] Breaker { get; private set; } = [];

    public SimulatorProcess Errors { get; private set; } = null!;

    public SimulatorProcess[] Prefix { get; private set; } = [];

    public override async Task InitializeAsync()
    {
        var started = await Task.WhenAll(Enumerable.Range(0, 7).Select(_ => SimulatorProcess.StartAsync()));
        Shared = started[..2];
        Failover = started[2..4];
        Breaker = started[4..6];
        Errors = started[6];
        Prefix = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => SimulatorProcess.StartAsync("--Simulator:Models:sim-instant:PrefixCacheTokens=100000")));
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        foreach (var simulator in (SimulatorProcess[])[.. Shared, .. Failover, .. Breaker, Errors, .. Prefix]) await simulator.DisposeAsync();
    }

    /// <summary>The shared endpoint's counters, summed over its replicas.</summary>
    public async Task<SimulatorStats> SharedStatsAsync()
    {
        var stats = await Task.WhenAll(Shared.Select(s => s.GetStatsAsync()));
        return stats.Aggregate((a, b) => new SimulatorStats(
            a.OpenConnections + b.OpenConnections, a.ConnectionsTotal + b.ConnectionsTotal, a.Requests + b.Requests, a.Batches + b.Batches,
            a.Sequences + b.Sequences, a.SequencesCancelled + b.SequencesCancelled, a.ErrorsInjected + b.ErrorsInjected,
            a.ConnectionsDropped + b.ConnectionsDropped));
    }

    protected override void AddSettings(Dictionary<string, string?> settings)
    {
        Endpoint(settings, "shared", Shared);
        settings["Inference:Backends:shared:Pool:MaxConnectionsPerServer"] = MaxConnections.ToString();
        settings["Inference:Backends:shared:Pool:WarmConnections"] = WarmConnections.ToString();
        Endpoint(settings, "failover", Failover);
        Endpoint(settings, "breaker", Breaker);
        settings["Inference:Backends:breaker:Resilience:BreakDuration"] = "00:00:01";
        Endpoint(settings, "errors", [Errors]);
        settings["Inference:Backends:errors:Resilience:MaxRetries"] = "0";
        settings["Inference:Backends:errors:Resilience:AttemptTimeout"] = "00:00:01";
        settings["Inference:Backends:errors:Resilience:StreamIdleTimeout"] = StreamIdleTimeout.ToString();
        // Its failures are the tests' own doing: the breaker must not take the only replica out between them.
        settings["Inference:Backends:errors:Resilience:MinimumThroughput"] = "1000";

        Endpoint(settings, "prefix", Prefix);
        settings["Inference:Backends:prefix:Selection"] = "PrefixAffinity";
        Model(settings, PrefixModel, "prefix", "sim-instant");
        settings[$"Inference:Models:{PrefixModel}:OpenAI:ArrayBatching"] = "false";
        Model(settings, PrefixSplitModel, "prefix", "sim-instant");
        Endpoint(settings, "prefix-majority", Prefix);
        settings["Inference:Backends:prefix-majority:Selection"] = "PrefixAffinity";
        settings["Inference:Backends:prefix-majority:PrefixArrays"] = "Majority";
        Model(settings, PrefixMajorityModel, "prefix-majority", "sim-instant");
        foreach (var model in (string[])[PrefixSplitModel, PrefixMajorityModel]) ArraysOf(settings, model);

        Model(settings, Arrays, "shared", "sim");
        ArraysOf(settings, Arrays);
        Model(settings, Singles, "shared", "sim");
        settings[$"Inference:Models:{Singles}:OpenAI:ArrayBatching"] = "false";
        Model(settings, Instant, "shared", "sim-instant");
        settings[$"Inference:Models:{Instant}:OpenAI:ArrayBatching"] = "false";
        Model(settings, FailoverModel, "failover", "sim-instant");
        Model(settings, BreakerModel, "breaker", "sim-instant");
        Model(settings, ErrorsModel, "errors", "sim");
        Model(settings, MissingModel, "shared", "no-such-model");
        settings[$"Inference:Models:{MissingModel}:LoadOnStart"] = "false";
        settings[$"Inference:Models:{MissingModel}:LoadOnDemand"] = "false";
    }

    /// <summary>A batch leaves at <see cref="ArrayBatchSize"/> requests, or after a second.</summary>
    private static void ArraysOf(Dictionary<string, string?> settings, string model)
    {
        settings[$"Inference:Models:{model}:Batching:Policy"] = "Window";
        settings[$"Inference:Models:{model}:Batching:BatchWindowMs"] = "1000";
        settings[$"Inference:Models:{model}:Batching:MaxBatchSize"] = ArrayBatchSize.ToString();
    }

    private static void Endpoint(Dictionary<string, string?> settings, string name, SimulatorProcess[] replicas)
    {
        for (var i = 0; i < replicas.Length; i++) settings[$"Inference:Backends:{name}:Replicas:{i}"] = replicas[i].BaseAddress.ToString();
    }

    private static void Model(Dictionary<string, string?> settings, string id, string endpoint, string served)
    {
        settings[$"Inference:Models:{id}:Backend"] = "OpenAI";
        settings[$"Inference:Models:{id}:OwnedBy"] = "simulator";
        settings[$"Inference:Models:{id}:LoadOnStart"] = "true";
        settings[$"Inference:Models:{id}:Batching:MaxConcurrentBatches"] = "8";
        settings[$"Inference:Models:{id}:OpenAI:Endpoint"] = endpoint;
        settings[$"Inference:Models:{id}:OpenAI:Model"] = served;
    }
}

[CollectionDefinition(Name)]
public sealed class HttpBackendCollection : ICollectionFixture<HttpBackendApiHostFactory>
{
    public const string Name = "apihost-http-backends";
}
