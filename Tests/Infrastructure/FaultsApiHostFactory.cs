namespace Orleans.Inference.Tests.Infrastructure;

/// <summary>
/// The real ApiHost with a model served by two Simulator processes of its own, whose faults its tests switch on and off,
/// and an in-process model that sheds load (a short queue) and fails sequences on request: what fault and soak tests
/// need, kept apart from every other test's backends.
/// </summary>
public sealed class FaultsApiHostFactory : ApiHostFactory
{
    /// <summary>
    /// On the Simulators: one retry, a second for a response to begin and a second of silence in a stream at most, and a
    /// replica out for a second when half its requests of the last two seconds failed, so one test's faults are soon
    /// forgotten by the next.
    /// </summary>
    public const string Remote = "faults-http";

    /// <summary>How long the backend's circuit breakers remember a failure.</summary>
    public static readonly TimeSpan SamplingDuration = TimeSpan.FromSeconds(2);

    /// <summary>In-process, 5 ms a step, batches of 16 and a queue of 24; a prompt containing FAIL yields 3 tokens, then fails.</summary>
    public const string Local = "faults-local";

    /// <summary>Most connections per Simulator.</summary>
    public const int MaxConnections = 16;

    public SimulatorProcess[] Simulators { get; private set; } = [];

    public override async Task InitializeAsync()
    {
        Simulators = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => SimulatorProcess.StartAsync()));
        await base.InitializeAsync();

        // Models still loading at start would activate their grains during the first test, and count as its leak.
        await HttpJson.EventuallyAsync(async () =>
        {
            using var response = await Http.GetAsync("admin/models");
            var models = (await response.ReadJsonAsync()).GetProperty("data").EnumerateArray();
            return models.All(model => model.GetProperty("state").GetString() != "Loading");
        }, TimeSpan.FromSeconds(60), "the models that load at start are loaded");
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        foreach (var simulator in Simulators) await simulator.DisposeAsync();
    }

    /// <summary>Sets the same faults on every Simulator; <c>new SimulatorFaults()</c> turns them off.</summary>
    public Task SetFaultsAsync(SimulatorFaults faults) => Task.WhenAll(Simulators.Select(s => s.SetFaultsAsync(faults)));

    /// <summary>Connections open on each Simulator, as it counts them (the test's own /stats connection included).</summary>
    public async Task<long[]> OpenConnectionsAsync() => (await Task.WhenAll(Simulators.Select(s => s.GetStatsAsync()))).Select(s => s.OpenConnections).ToArray();

    /// <summary>Activations of the gateway's own grains, by type.</summary>
    public async Task<Dictionary<string, int>> GatewayActivationsAsync() =>
        (await ActivationsAsync()).Where(a => a.Key.StartsWith("Orleans.Inference", StringComparison.Ordinal)).ToDictionary();

    /// <summary>
    /// Fails if any of the gateway's grain types has more activations than in <paramref name="before"/>: requests must not
    /// leave activations behind (fewer is fine; idle ones may be collected).
    /// </summary>
    public async Task AssertNoActivationAddedAsync(Dictionary<string, int> before)
    {
        var after = await GatewayActivationsAsync();
        Assert.All(after, type => Assert.True(type.Value <= before.GetValueOrDefault(type.Key),
            $"{type.Key}: {before.GetValueOrDefault(type.Key)} activations before, {type.Value} after"));
    }

    /// <summary>
    /// Waits until nothing is in flight on the models and each Simulator's connections are back within the pool's bound:
    /// connections broken by drops, timeouts and cancellations are replaced, not added to.
    /// </summary>
    public async Task SettleAsync(params string[] models)
    {
        await HttpJson.EventuallyAsync(async () => (await Task.WhenAll(models.Select(InFlightAsync))).All(inFlight => inFlight == 0),
            TimeSpan.FromSeconds(30), "no request stays in flight");
        await HttpJson.EventuallyAsync(async () => (await OpenConnectionsAsync()).All(open => open <= MaxConnections + 1),
            TimeSpan.FromSeconds(30), "backend connections come back within the pool's bound");
    }

    protected override void AddSettings(Dictionary<string, string?> settings)
    {
        for (var i = 0; i < Simulators.Length; i++) settings[$"Inference:Backends:faults:Replicas:{i}"] = Simulators[i].BaseAddress.ToString();
        settings["Inference:Backends:faults:Pool:MaxConnectionsPerServer"] = MaxConnections.ToString();
        settings["Inference:Backends:faults:Resilience:MaxRetries"] = "1";
        settings["Inference:Backends:faults:Resilience:AttemptTimeout"] = "00:00:01";
        settings["Inference:Backends:faults:Resilience:BreakDuration"] = "00:00:01";
        settings["Inference:Backends:faults:Resilience:SamplingDuration"] = SamplingDuration.ToString();
        settings["Inference:Backends:faults:Resilience:StreamIdleTimeout"] = "00:00:01";
        settings[$"Inference:Models:{Remote}:Backend"] = "OpenAI";
        settings[$"Inference:Models:{Remote}:OwnedBy"] = "simulator";
        settings[$"Inference:Models:{Remote}:LoadOnStart"] = "true";
        settings[$"Inference:Models:{Remote}:Batching:MaxBatchSize"] = "8";
        settings[$"Inference:Models:{Remote}:Batching:MaxConcurrentBatches"] = "8";
        settings[$"Inference:Models:{Remote}:OpenAI:Endpoint"] = "faults";
        settings[$"Inference:Models:{Remote}:OpenAI:Model"] = "sim";

        settings[$"Inference:Models:{Local}:LoadOnStart"] = "true";
        settings[$"Inference:Models:{Local}:Simulation:LoadSeconds"] = "0";
        settings[$"Inference:Models:{Local}:Simulation:StepMs"] = "5";
        settings[$"Inference:Models:{Local}:Simulation:FailPromptsContaining"] = "FAIL";
        settings[$"Inference:Models:{Local}:Simulation:FailAfterTokens"] = "3";
        settings[$"Inference:Models:{Local}:Batching:MaxBatchSize"] = "16";
        settings[$"Inference:Models:{Local}:Batching:MaxQueueLength"] = "24";
    }
}

/// <summary>The fault tests' host; the soak has one of its own (<see cref="SoakCollection"/>).</summary>
[CollectionDefinition(Name)]
public sealed class FaultsCollection : ICollectionFixture<FaultsApiHostFactory>
{
    public const string Name = "apihost-faults";
}

/// <summary>
/// The soak runs alone, after every parallel collection has finished: it reads the memory of the test process, which
/// other tests' hosts would otherwise share.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SoakCollection : ICollectionFixture<FaultsApiHostFactory>
{
    public const string Name = "apihost-soak";
}
