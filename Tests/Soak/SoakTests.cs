using System.Diagnostics;
using Orleans.Inference.Tests.Infrastructure;
using Orleans.Inference.Tests.Infrastructure.Traffic;
using Xunit.Abstractions;
using static Orleans.Inference.Tests.Infrastructure.FaultsApiHostFactory;

namespace Orleans.Inference.Tests.Soak;

/// <summary>
/// Steady mixed traffic (completions and chat, whole and streamed, some cancelled by their clients, some failing in the
/// engine) against an in-process model and a Simulator-backed one, while the Simulators' faults come and go and bursts
/// overflow the in-process model's queue. At the end every request is accounted for, and memory, connections, requests
/// in flight and activations are back where they started. ORLEANS_INFERENCE_SOAK_SECONDS sets the length (60 s).
/// </summary>
[Collection(SoakCollection.Name)]
public sealed class SoakTests(FaultsApiHostFactory host, ITestOutputHelper output)
{
    private const int Workers = 24;

    private static readonly TimeSpan Length = TimeSpan.FromSeconds(
        int.TryParse(Environment.GetEnvironmentVariable("ORLEANS_INFERENCE_SOAK_SECONDS"), out var seconds) && seconds > 0 ? seconds : 60);

    /// <summary>What the Simulators do, phase after phase; a burst also sends a crowd at the in-process model at once.</summary>
    private static readonly (string Name, SimulatorFaults Faults, bool Burst)[] Phases =
    [
        ("calm", new SimulatorFaults(), false),
        ("errors 20%", new SimulatorFaults(ErrorRate: 0.2), true),
        ("calm", new SimulatorFaults(), false),
        ("latency past the attempt timeout", new SimulatorFaults(AddedLatencyMs: 1500), false),
        ("calm", new SimulatorFaults(), true),
        ("drops after 3 tokens", new SimulatorFaults(DropAfterTokens: 3), false),
        ("calm", new SimulatorFaults(), false),
        ("stalls after 3 tokens", new SimulatorFaults(StallAfterTokens: 3), false),
        ("calm", new SimulatorFaults(), false),
        ("calm", new SimulatorFaults(), false),
        ("connections closed unannounced, after streams and after 5 requests", new SimulatorFaults(CloseAfterStream: true, KeepAliveMaxRequests: 5), false),
        ("429 with Retry-After 30%", new SimulatorFaults(ErrorRate: 0.3, ErrorStatus: 429), true),
    ];

    private int _sent;

    [Fact]
    public async Task MixedTrafficWithFaults_EveryRequestAccountedFor_AndNothingLeaks()
    {
        var client = new TrafficClient(host.Leaving, TimeSpan.FromSeconds(60));
        // A short run first, so that start-up costs (compiled code, pools, caches) are not counted as growth.
        await RunAsync(client, new TrafficTally(), TimeSpan.FromSeconds(3), faults: false);
        await host.SettleAsync(Local, Remote);
        var (memory, connections, activations) = (MemorySnapshot.Take(), await host.OpenConnectionsAsync(), await host.GatewayActivationsAsync());

        var tally = new TrafficTally();
        var started = Stopwatch.GetTimestamp();
        var sent = await RunAsync(client, tally, Length, faults: true);
        var took = Stopwatch.GetElapsedTime(started);
        await host.SettleAsync(Local, Remote);
        var (memoryAfter, connectionsAfter) = (MemorySnapshot.Take(), await host.OpenConnectionsAsync());

        var summary =
            $"Soak: {took.TotalSeconds:F0} s, {Workers} clients, {sent / took.TotalSeconds:F0} requests/s; phases of {(Length / Phases.Length).TotalSeconds:F0} s: " +
            $"{string.Join(", ", Phases.Select(p => p.Name + (p.Burst ? " + burst" : "")))}; outcomes by reason:\n{tally.Describe()}\n" +
            $"GC heap after a full collection: {memory.HeapMb:F1} MB before, {memoryAfter.HeapMb:F1} MB after\n" +
            $"working set: {memory.WorkingSetMb:F0} MB before, {memoryAfter.WorkingSetMb:F0} MB after\n" +
            $"open connections per Simulator: {string.Join(", ", connections)} before, {string.Join(", ", connectionsAfter)} after\n" +
            $"activations of the gateway's grains: {activations.Values.Sum()} before, {(await host.GatewayActivationsAsync()).Values.Sum()} after";
        output.WriteLine(summary);
        Console.WriteLine(summary);

        Assert.Equal(sent, tally.Outcomes.Count);
        tally.AssertEveryRequestEndedClearly();
        foreach (var reason in new[] { TrafficOutcome.Ok, TrafficOutcome.Cancelled, "429 queue_full" })
            Assert.True(tally.Count(reason) > 0, $"the mix had no '{reason}': {summary}");
        Assert.Contains(tally.Outcomes, o => o.IsClearError && o.Request.Model == Remote);
        Assert.Contains(tally.Outcomes, o => o.IsClearError && o.Request.Model == Local && o.Reason != "429 queue_full");
        // Generous (on its own, a run moves the heap by under a megabyte), yet thousands of requests each leaking a few kilobytes
        // (a sequence, its channel, a grain call's state) would break the first bound.
        Assert.True(memoryAfter.HeapBytes < memory.HeapBytes + 24 * 1048576L, summary);
        Assert.True(memoryAfter.WorkingSetBytes < memory.WorkingSetBytes + 128 * 1048576L, summary);
        Assert.All(connectionsAfter, open => Assert.InRange(open, 0, MaxConnections + 1));
        await host.AssertNoActivationAddedAsync(activations);
    }

    /// <summary>Runs the workers (and, with faults, the phases) for <paramref name="length"/>; returns how many requests were sent.</summary>
    private async Task<int> RunAsync(TrafficClient client, TrafficTally tally, TimeSpan length, bool faults)
    {
        using var stop = new CancellationTokenSource(length);
        _sent = 0;
        var workers = Enumerable.Range(0, Workers).Select(seed => Task.Run(async () =>
        {
            var random = new Random(seed);
            while (!stop.IsCancellationRequested)
            {
                Interlocked.Increment(ref _sent);
                tally.Add(await client.SendAsync(Draw(random)));
            }
        }));
        var phases = faults ? CycleFaultsAsync(client, tally, length / Phases.Length, stop.Token) : Task.CompletedTask;
        await Task.WhenAll([.. workers, phases]);
        await host.SetFaultsAsync(new SimulatorFaults());
        return _sent;
    }

    private async Task CycleFaultsAsync(TrafficClient client, TrafficTally tally, TimeSpan phase, CancellationToken stop)
    {
        var bursts = new List<Task>();
        using var timer = new PeriodicTimer(phase);
        var i = 0;
        do
        {
            var (_, faults, burst) = Phases[i++ % Phases.Length];
            await host.SetFaultsAsync(faults);
            if (!burst) continue;
            // More at once than the in-process model's queue holds: the excess is refused with 429 at once.
            var random = new Random(i);
            var crowd = Enumerable.Range(0, 60).Select(_ => new TrafficRequest(Local, $"burst {random.Next()}", 16, Chat: false, Stream: random.Next(2) == 0)).ToList();
            Interlocked.Add(ref _sent, crowd.Count);
            bursts.Add(Task.Run(async () => tally.AddRange(await client.SendAllAsync(crowd, crowd.Count))));
        }
        while (await NextAsync(timer, stop));

        await Task.WhenAll(bursts);
    }

    private static async Task<bool> NextAsync(PeriodicTimer timer, CancellationToken stop)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stop);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static TrafficRequest Draw(Random random)
    {
        var local = random.Next(5) < 2;
        return TrafficRequest.Draw(random, local ? Local : Remote, maxTokens: random.Next(4, 33),
            cancelShare: 0.1, cancelWithin: TimeSpan.FromMilliseconds(200), failShare: local ? 0.05 : 0);
    }
}
