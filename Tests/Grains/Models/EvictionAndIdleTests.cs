using Microsoft.Extensions.Time.Testing;
using Orleans.Inference.Client;
using Orleans.Inference.Generation;
using Orleans.Inference.Models;
using Orleans.Inference.Tests.Infrastructure;
using Orleans.TestingHost;

namespace Orleans.Inference.Tests.Grains.Models;

/// <summary>A one-silo cluster on a fake inference clock, MaxLoadedModels 2: eviction and idle unload without sleeps.</summary>
public sealed class EvictionAndIdleTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new();
    private InProcessTestCluster _cluster = null!;

    private IGrainFactory Grains => _cluster.Client;

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string?> { ["Inference:MaxLoadedModels"] = "2", ["Inference:Models:idle:KeepAlive"] = "00:10:00" };
        foreach (var model in new[] { "a", "b", "c", "idle" }) settings[$"Inference:Models:{model}:Simulation:LoadSeconds"] = "0";
        _cluster = await FakeClockCluster.StartAsync(_time, settings);
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task LoadingOneMoreThanMaxLoadedModels_EvictsTheLeastRecentlyUsedIdleModel()
    {
        await LoadAsync("a");
        _time.Advance(TimeSpan.FromSeconds(1));
        await LoadAsync("b");
        _time.Advance(TimeSpan.FromSeconds(1));
        await Grains.CompleteAsync("a", new InferenceRequest("use a", new SamplingParameters(2)));
        _time.Advance(TimeSpan.FromSeconds(1));

        await LoadAsync("c");

        Assert.Equal(ModelState.Ready, await StateOf("a"));
        Assert.Equal(ModelState.Unloaded, await StateOf("b"));
        Assert.Equal(ModelState.Ready, await StateOf("c"));
    }

    [Fact]
    public async Task IdleModel_IsUnloadedAfterKeepAlive_NotBefore()
    {
        await LoadAsync("idle");
        _time.Advance(TimeSpan.FromMinutes(6));
        await Grains.CompleteAsync("idle", new InferenceRequest("keeps it warm", new SamplingParameters(2)));

        _time.Advance(TimeSpan.FromMinutes(9));
        Assert.Equal(ModelState.Ready, await StateAfterTimerAsync("idle"));

        _time.Advance(TimeSpan.FromMinutes(2));
        await StatusWatch.UntilStateAsync(Grains, "idle", ModelState.Unloaded, TimeSpan.FromSeconds(10));
    }

    private async Task LoadAsync(string model)
    {
        await Grains.GetGrain<IModelGrain>(model).LoadAsync();
        await StatusWatch.UntilStateAsync(Grains, model, ModelState.Ready);
    }

    private async Task<ModelState> StateOf(string model) => (await Grains.GetGrain<IModelGrain>(model).GetStatusAsync()).State;

    /// <summary>The idle check runs as a grain call from the timer; a control call queued after it sees its outcome.</summary>
    private async Task<ModelState> StateAfterTimerAsync(string model)
    {
        await Grains.GetGrain<IModelGrainControl>(model).CheckIdleAsync();
        return await StateOf(model);
    }
}
