using Microsoft.Extensions.Time.Testing;
using Orleans.Inference.Batching;
using Orleans.Inference.Generation;
using Orleans.Inference.Tests.Infrastructure;
using Orleans.TestingHost;

namespace Orleans.Inference.Tests.Batching;

/// <summary>The batch grain's timing on a fake inference clock: the window, the queue limit and deadlines.</summary>
public sealed class BatchTimingTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new();
    private InProcessTestCluster _cluster = null!;

    private IBatchGrain Windowed => _cluster.Client.GetGrain<IBatchGrain>("windowed");

    private IBatchGrain Paced => _cluster.Client.GetGrain<IBatchGrain>("paced");

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Inference:Models:windowed:Simulation:LoadSeconds"] = "0",
            ["Inference:Models:windowed:Batching:Policy"] = "Window",
            ["Inference:Models:windowed:Batching:BatchWindowMs"] = "50",
            ["Inference:Models:paced:Simulation:LoadSeconds"] = "0",
            ["Inference:Models:paced:Simulation:StepMs"] = "10",
            ["Inference:Models:paced:Batching:MaxBatchSize"] = "1",
            ["Inference:Models:paced:Batching:MaxQueueLength"] = "2",
            ["Inference:Models:paced:Batching:QueueTimeoutMs"] = "1000",
        };
        _cluster = await FakeClockCluster.StartAsync(_time, settings);
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task WindowPolicy_ABatchLeavesWhenItsWindowExpires()
    {
        await Windowed.OpenAsync();
        var first = Windowed.CompleteAsync(new InferenceRequest("one", new SamplingParameters(2)));
        var second = Windowed.CompleteAsync(new InferenceRequest("two", new SamplingParameters(3)));
        await HttpJson.EventuallyAsync(() => Queued(Windowed) == 2, TimeSpan.FromSeconds(5), "both wait in the window");

        _time.Advance(TimeSpan.FromMilliseconds(49));
        Assert.Equal(2, Queued(Windowed));
        _time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal(2, (await first.WaitAsync(TimeSpan.FromSeconds(5))).Usage.CompletionTokens);
        Assert.Equal(3, (await second.WaitAsync(TimeSpan.FromSeconds(5))).Usage.CompletionTokens);
    }

    [Fact]
    public async Task PastMaxQueueLength_NewRequestsAreRefusedWithRetryAfter_AndOverdueOnesExpire()
    {
        await Paced.OpenAsync();
        var running = Paced.CompleteAsync(new InferenceRequest("runs", new SamplingParameters(1000)));
        await HttpJson.EventuallyAsync(() => Queued(Paced) == 1, TimeSpan.FromSeconds(5), "the first request runs");
        var waiting = new[]
        {
            Paced.CompleteAsync(new InferenceRequest("waits 1", new SamplingParameters(1))),
            Paced.CompleteAsync(new InferenceRequest("waits 2", new SamplingParameters(1))),
        };
        await HttpJson.EventuallyAsync(() => Queued(Paced) == 3, TimeSpan.FromSeconds(5), "two wait");

        var refused = await Assert.ThrowsAsync<QueueFullException>(() => Paced.CompleteAsync(new InferenceRequest("too many", new SamplingParameters(1))));
        _time.Advance(TimeSpan.FromMilliseconds(1000));

        Assert.True(refused.RetryAfter >= TimeSpan.FromSeconds(1));
        foreach (var overdue in waiting) await Assert.ThrowsAsync<QueueTimeoutException>(() => overdue.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.False(running.IsCompleted);
    }

    private static int Queued(IBatchGrain grain) => grain.GetInFlightAsync().GetAwaiter().GetResult();
}
