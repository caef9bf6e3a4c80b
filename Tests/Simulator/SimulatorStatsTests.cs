using Orleans.Inference.Tests.Infrastructure;

namespace Orleans.Inference.Tests.Simulator;

/// <summary>
/// <c>GET /stats</c>: connections as Kestrel sees them, and sequences the engine drops for clients that left. A Simulator of
/// its own: another class's abandoned stream, counted a moment after that test ended, moved the shared one's counters under
/// these tests (one fresh CI run in two).
/// </summary>
public sealed class SimulatorStatsTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(10);

    private SimulatorProcess Simulator => fixture.Simulator;

    [Fact]
    public async Task Stats_ClientOpensThenDisposes_OpenConnectionsRiseThenFallBack()
    {
        var before = await Simulator.GetStatsAsync();

        using (var client = new HttpClient(new SocketsHttpHandler()) { BaseAddress = Simulator.BaseAddress })
        {
            (await client.GetAsync("v1/models")).EnsureSuccessStatusCode();
            (await client.GetAsync("v1/models")).EnsureSuccessStatusCode();

            var open = await Simulator.GetStatsAsync();
            Assert.Equal(before.OpenConnections + 1, open.OpenConnections);
            Assert.Equal(before.ConnectionsTotal + 1, open.ConnectionsTotal);
        }

        await HttpJson.EventuallyAsync(
            async () => (await Simulator.GetStatsAsync()).OpenConnections == before.OpenConnections, Within,
            "the disposed client's connection is closed");
    }

    [Fact]
    public async Task Stats_ClientDisconnectsMidStream_EngineCancelsItsSequences()
    {
        var before = await Simulator.GetStatsAsync();

        using (var response = await Simulator.Leaving.PostJsonAsync(
            "v1/completions", """{"model":"sim","prompt":["leave me","me too"],"max_tokens":3000,"stream":true}""",
            HttpCompletionOption.ResponseHeadersRead))
        {
            await using var events = ServerSentEvents.ReadDataAsync(response).GetAsyncEnumerator();
            Assert.True(await events.MoveNextAsync());
        }

        await HttpJson.EventuallyAsync(
            async () => (await Simulator.GetStatsAsync()).SequencesCancelled == before.SequencesCancelled + 2, Within,
            "both sequences of the abandoned request are cancelled");
        var after = await Simulator.GetStatsAsync();
        Assert.Equal(before.Sequences + 2, after.Sequences);
        Assert.Equal(before.Requests + 1, after.Requests);
    }

    [Fact]
    public async Task Stats_ClientDisconnectsBeforeWholeResponse_EngineCancelsItsSequence()
    {
        var before = await Simulator.GetStatsAsync();
        using var leave = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Simulator.Leaving.PostJsonAsync(
            "v1/completions", """{"model":"sim","prompt":"too long to wait for","max_tokens":3000}""", cancellationToken: leave.Token));

        await HttpJson.EventuallyAsync(
            async () => (await Simulator.GetStatsAsync()).SequencesCancelled == before.SequencesCancelled + 1, Within,
            "the sequence of the abandoned request is cancelled");
    }
}
