using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Time.Testing;
using Orleans.Inference.Batching;
using Orleans.Inference.Generation;
using Orleans.Inference.Tests.Infrastructure;
using Orleans.TestingHost;

namespace Orleans.Inference.Tests.Grains.Batching;

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

    [Fact]
    public async Task PastItsShare_AFloodingTenantIsRefused_WhileAnotherTenantIsStillAdmitted()
    {
        var flood = new Tenant("flood");
        InferenceRequest Request(Tenant tenant, string prompt, int tokens = 1) => new(prompt, new SamplingParameters(tokens), Tenant: tenant);
        await Paced.OpenAsync();
        var running = Paced.CompleteAsync(Request(flood, "runs", 1000));
        await HttpJson.EventuallyAsync(() => Queued(Paced) == 1, TimeSpan.FromSeconds(5), "the first request runs");
        var floodWaiting = new[] { Paced.CompleteAsync(Request(flood, "waits 1")), Paced.CompleteAsync(Request(flood, "waits 2")) };
        await HttpJson.EventuallyAsync(() => Queued(Paced) == 3, TimeSpan.FromSeconds(5), "the flood fills the queue");
        var alone = await Assert.ThrowsAsync<QueueFullException>(() => Paced.CompleteAsync(Request(flood, "too many")));

        var light = Paced.CompleteAsync(Request(new Tenant("light"), "arrives late"));
        await HttpJson.EventuallyAsync(() => Queued(Paced) == 4, TimeSpan.FromSeconds(5), "the other tenant is let in");
        var shared = await Assert.ThrowsAsync<QueueFullException>(() => Paced.CompleteAsync(Request(flood, "still too many")));

        Assert.Contains("its limit (2)", alone.Message);
        Assert.Contains("this tenant's share of its limit (1 of 2)", shared.Message);
        Assert.False(light.IsCompleted);
        Assert.All(floodWaiting, waiting => Assert.False(waiting.IsCompleted));
        Assert.False(running.IsCompleted);
    }

    [Fact]
    public async Task PastMaxQueueLength_CallersThatLeftMakeRoom_AndLeaveTheQueueLengthMetric()
    {
        var meters = _cluster.GetSiloServiceProvider(_cluster.Silos[0].SiloAddress).GetRequiredService<IMeterFactory>();
        using var queueLength = new MetricCollector<int>(meters, BatchingMetrics.MeterName, "inference.queue.length");
        IEnumerable<int> Measurements() => queueLength.GetMeasurementSnapshot().Where(m => Equals(m.Tags["model"], "paced")).Select(m => m.Value);
        await Paced.OpenAsync();
        var running = Paced.CompleteAsync(new InferenceRequest("runs", new SamplingParameters(1000)));
        await HttpJson.EventuallyAsync(() => Queued(Paced) == 1, TimeSpan.FromSeconds(5), "the first request runs");
        using var leave = new CancellationTokenSource();
        var leaving = Enumerable.Range(0, 2).Select(i => Paced.CompleteAsync(new InferenceRequest($"leaves {i}", new SamplingParameters(1)), leave.Token)).ToList();
        await HttpJson.EventuallyAsync(() => Queued(Paced) == 3, TimeSpan.FromSeconds(5), "two wait");

        await leave.CancelAsync();
        foreach (var gone in leaving) await Assert.ThrowsAnyAsync<OperationCanceledException>(() => gone);

        // The cancellations reach the grain on their own; until one has, the queue is still full and a request is refused.
        // One that is let in is queued: the only +1 the queue length records.
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        int Enqueued() => Measurements().Count(value => value == 1);
        var enqueued = Enqueued();
        Task<InferenceResult> admitted;
        while (true)
        {
            admitted = Paced.CompleteAsync(new InferenceRequest("takes a freed place", new SamplingParameters(1)));
            await HttpJson.EventuallyAsync(() => admitted.IsFaulted || Enqueued() > enqueued, TimeSpan.FromSeconds(5), "refused, or queued");
            if (!admitted.IsFaulted) break;
            Assert.IsType<QueueFullException>(admitted.Exception!.InnerException);
            Assert.False(patience.IsCancellationRequested, "the callers that left should free their places");
            await Task.Delay(20, CancellationToken.None);
        }

        // Whether one or both cancellations had arrived, the metric counts what really waits (the first request runs).
        Assert.Equal(Queued(Paced) - 1, Measurements().Sum());
        Assert.False(running.IsCompleted || admitted.IsCompleted);

        // Past every step's deadline the engine runs through, and the waiting request expires: nothing is left in flight
        // (the silo stops at once) or counted as queued.
        _time.Advance(TimeSpan.FromSeconds(11));
        Assert.Equal(1000, (await running.WaitAsync(TimeSpan.FromSeconds(10))).Usage.CompletionTokens);
        await Assert.ThrowsAsync<QueueTimeoutException>(() => admitted.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(0, Measurements().Sum());
    }

    private static int Queued(IBatchGrain grain) => grain.GetInFlightAsync().GetAwaiter().GetResult();
}
