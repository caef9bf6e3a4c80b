using System.Diagnostics;
using Orleans.Inference.Batching;
using Orleans.Inference.Client;
using Orleans.Inference.Generation;
using Orleans.Inference.Models;
using Orleans.Inference.Tests.Infrastructure;
using Orleans.Streams;

namespace Orleans.Inference.Tests.Grains.Models;

/// <summary>Every lifecycle transition on the two-silo cluster, in real time, with barriers rather than sleeps.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ModelLifecycleTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Client;

    [Fact]
    public async Task LoadAsync_FailingLoad_EndsFailedWithTheError_AndARetrySucceeds()
    {
        var model = Grains.GetGrain<IModelGrain>(TestCatalog.FailOnce);

        await model.LoadAsync();
        var failing = await StatusWatch.UntilAsync(Grains, TestCatalog.FailOnce, s => s.IsSettled);
        var unavailable = await Assert.ThrowsAsync<ModelUnavailableException>(() => model.EnsureReadyAsync());
        var retry = await model.LoadAsync();
        var succeeding = await StatusWatch.UntilAsync(Grains, TestCatalog.FailOnce, s => s.IsSettled);

        Assert.Equal(ModelState.Failed, failing[^1].State);
        Assert.Contains("FailLoad", failing[^1].Error);
        Assert.Equal(ModelState.Failed, unavailable.State);
        Assert.Contains("FailLoad", unavailable.Message);
        Assert.Equal(ModelState.Loading, retry.State);
        Assert.Equal(ModelState.Ready, succeeding[^1].State);
        Assert.Equal(100, succeeding[^1].Progress);
        AssertProgressInOrder(succeeding);
    }

    [Fact]
    public async Task OrleansStream_CarriesProgressInOrder_EndingAtReady()
    {
        var events = new List<ModelStatus>();
        var ended = new TaskCompletionSource();
        // Events of an earlier phase (this model's last unload, by whichever test) may still be on their way: the status
        // sequence tells them apart, as the product documents for consumers that mix a snapshot and events.
        var after = long.MaxValue;
        var stream = fixture.Client.GetStreamProvider(ModelEvents.StreamProvider)
            .GetStream<ModelStatus>(StreamId.Create(ModelEvents.Namespace, TestCatalog.Drain));
        var subscription = await stream.SubscribeAsync((status, _) =>
        {
            lock (events)
            {
                events.Add(status);
                if (status.State == ModelState.Ready && status.Sequence > after) ended.TrySetResult();
            }

            return Task.CompletedTask;
        });
        List<ModelStatus> load;
        try
        {
            await Grains.GetGrain<IModelGrain>(TestCatalog.Drain).UnloadAsync();
            var unloaded = (await StatusWatch.UntilStateAsync(Grains, TestCatalog.Drain, ModelState.Unloaded))[^1];
            lock (events) after = unloaded.Sequence;

            await Grains.GetGrain<IModelGrain>(TestCatalog.Drain).LoadAsync();
            await ended.Task.WaitAsync(TimeSpan.FromSeconds(20));
            lock (events) load = [.. events.Where(status => status.Sequence > unloaded.Sequence)];
        }
        finally
        {
            await subscription.UnsubscribeAsync();
        }

        Assert.Equal(ModelState.Loading, load[0].State);
        Assert.Equal(ModelState.Ready, load[^1].State);
        Assert.Equal(100, load[^1].Progress);
        AssertProgressInOrder(load);
    }

    [Fact]
    public async Task UnloadAsync_DrainsInFlightRequests_RejectsNewOnes_ThenReleases()
    {
        var model = Grains.GetGrain<IModelGrain>(TestCatalog.Drain);
        await model.LoadAsync();
        await model.EnsureReadyAsync();
        var request = new InferenceRequest("in flight", new SamplingParameters(MaxTokens: 20));
        var inFlight = Grains.GetGrain<IBatchGrain>(TestCatalog.Drain).StreamAsync(request).GetAsyncEnumerator();
        Assert.True(await inFlight.MoveNextAsync());

        var unloading = await model.UnloadAsync();
        var rejected = await Assert.ThrowsAsync<ModelUnavailableException>(() => Grains.CompleteAsync(TestCatalog.Drain, request));
        var last = inFlight.Current;
        var tokens = last.TokenCount;
        while (await inFlight.MoveNextAsync())
        {
            last = inFlight.Current;
            tokens += last.TokenCount;
        }

        var unloaded = await StatusWatch.UntilStateAsync(Grains, TestCatalog.Drain, ModelState.Unloaded);

        Assert.Equal(ModelState.Unloading, unloading.State);
        Assert.Equal(ModelState.Unloading, rejected.State);
        Assert.Equal(FinishReason.Length, last.FinishReason);
        Assert.Equal(20, tokens);
        Assert.Equal(ModelState.Unloaded, unloaded[^1].State);
        await model.LoadAsync();
        Assert.Equal(ModelState.Ready, (await model.EnsureReadyAsync()).State);
    }

    [Fact]
    public async Task UnloadAsync_PastTheDrainTimeout_FailsWhatIsLeftAndReleases()
    {
        var model = Grains.GetGrain<IModelGrain>(TestCatalog.ShortDrain);
        await model.EnsureReadyAsync();
        var endless = Grains.CompleteAsync(TestCatalog.ShortDrain, new InferenceRequest("long", new SamplingParameters(MaxTokens: 4000)));
        await HttpJson.EventuallyAsync(() => fixture.StepsOf(TestCatalog.ShortDrain) > 0, TimeSpan.FromSeconds(10), "generation starts");

        await model.UnloadAsync();

        var error = await Assert.ThrowsAsync<ModelUnavailableException>(() => endless);
        Assert.Equal(ModelState.Unloading, error.State);
        await StatusWatch.UntilStateAsync(Grains, TestCatalog.ShortDrain, ModelState.Unloaded);
    }

    [Fact]
    public async Task EnsureReadyAsync_LoadLongerThanTheWait_Gets503WithRetryAfterFromTheEstimate()
    {
        var model = Grains.GetGrain<IModelGrain>(TestCatalog.SlowLoad);
        await model.UnloadAsync();
        await StatusWatch.UntilStateAsync(Grains, TestCatalog.SlowLoad, ModelState.Unloaded);

        var error = await Assert.ThrowsAsync<ModelUnavailableException>(() => model.EnsureReadyAsync());

        Assert.Equal(ModelState.Loading, error.State);
        Assert.InRange(error.RetryAfter!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3));
        await model.UnloadAsync(); // cancels the load
        await StatusWatch.UntilStateAsync(Grains, TestCatalog.SlowLoad, ModelState.Unloaded);
    }

    [Fact]
    public async Task Loading_OneModel_DoesNotSlowRequestsToAnother()
    {
        var before = await MeasureP99Async(100);
        var loading = Grains.GetGrain<IModelGrain>(TestCatalog.SlowLoad);
        await loading.UnloadAsync();
        await StatusWatch.UntilStateAsync(Grains, TestCatalog.SlowLoad, ModelState.Unloaded);

        await loading.LoadAsync();
        var during = await MeasureP99Async(100);
        var stillLoading = (await loading.GetStatusAsync()).State;
        await loading.UnloadAsync();

        Assert.Equal(ModelState.Loading, stillLoading);
        Assert.True(during < before * 5 + 20, $"p99 {during:F1} ms while another model loads, {before:F1} ms before");
    }

    private async Task<double> MeasureP99Async(int count)
    {
        var latencies = new double[count];
        for (var i = 0; i < count; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await Grains.CompleteAsync(TestCatalog.Free, new InferenceRequest($"r{i}", new SamplingParameters(4)));
            latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        Array.Sort(latencies);
        return latencies[(int)(count * 0.99) - 1];
    }

    private static void AssertProgressInOrder(IReadOnlyList<ModelStatus> events)
    {
        var loading = events.Where(e => e.State == ModelState.Loading).Select(e => e.Progress).ToList();
        Assert.NotEmpty(loading);
        Assert.Equal(loading.Order(), loading);
    }
}
