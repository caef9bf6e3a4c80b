namespace Orleans.Inference.Tests.Infrastructure;

/// <summary>One Simulator process with its default models (<c>sim</c>, paced; <c>sim-instant</c>, free) for a collection of tests.</summary>
public sealed class SimulatorFixture : IAsyncLifetime
{
    public SimulatorProcess Simulator { get; private set; } = null!;

    public async Task InitializeAsync() => Simulator = await SimulatorProcess.StartAsync();

    public async Task DisposeAsync() => await Simulator.DisposeAsync();
}

/// <summary>Tests that share one Simulator run one at a time, so its counters move only for the test that reads them.</summary>
[CollectionDefinition(Name)]
public sealed class SimulatorCollection : ICollectionFixture<SimulatorFixture>
{
    public const string Name = "simulator";
}
