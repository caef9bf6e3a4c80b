using Microsoft.Extensions.Time.Testing;
using Orleans.Inference.Client;
using Orleans.Inference.Models;
using Orleans.Inference.Tests.Infrastructure;
using Orleans.TestingHost;

namespace Orleans.Inference.Tests.Grains.Models;

/// <summary>A load on the test's clock: held at a known stage for as long as the test keeps the clock still.</summary>
public sealed class ModelLoadTests : IAsyncLifetime
{
    private const string Held = "held";

    private readonly FakeTimeProvider _time = new();
    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        // 20 progress steps of 50 ms each: the load stays at its first step until the clock moves.
        var settings = new Dictionary<string, string?> { [$"Inference:Models:{Held}:Simulation:LoadSeconds"] = "1" };
        _cluster = await FakeClockCluster.StartAsync(_time, settings);
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task LoadAsync_WhileTheLoadIsHeld_ReturnsLoadingAtOnce_ThenProgressFollowsTheClockToReady()
    {
        var model = _cluster.Client.GetGrain<IModelGrain>(Held);
        var seen = new List<ModelStatus>();
        using var watching = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var watch = Task.Run(async () =>
        {
            await foreach (var status in _cluster.Client.WatchModelAsync(Held, watching.Token))
            {
                lock (seen) seen.Add(status);
                if (status.State == ModelState.Ready) return;
            }
        });

        // Nothing moves the clock yet, so a LoadAsync that waited for the load would not return: bound it.
        var started = await model.LoadAsync().WaitAsync(TimeSpan.FromSeconds(10));
        var held = await model.GetStatusAsync();
        var ready = model.EnsureReadyAsync();

        Assert.Equal(ModelState.Loading, started.State);
        Assert.Equal(ModelState.Loading, held.State);
        Assert.InRange(held.Progress, 0, 5);
        Assert.False(ready.IsCompleted, "a request waits for the held load");

        await HttpJson.EventuallyAsync(() =>
        {
            _time.Advance(TimeSpan.FromMilliseconds(50));
            return ready.IsCompleted;
        }, TimeSpan.FromSeconds(20), "the load ends as the clock moves");
        await watch.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(ModelState.Ready, (await ready).State);
        var progress = seen.Where(s => s.State == ModelState.Loading).Select(s => s.Progress).ToList();
        Assert.True(progress.Count >= 10, $"progress reported step by step ({string.Join(", ", progress)})");
        Assert.Equal(progress.Order(), progress);
        Assert.Equal(100, seen[^1].Progress);
    }
}
