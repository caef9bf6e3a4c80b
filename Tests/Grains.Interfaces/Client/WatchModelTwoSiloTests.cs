using Microsoft.Extensions.DependencyInjection;
using Orleans.Inference.Client;
using Orleans.Inference.Models;
using Orleans.Inference.Tests.Infrastructure;

namespace Orleans.Inference.Tests.Grains.Interfaces.Client;

/// <summary>The typed client's watch outlives the model grain's activation: a model that moves is followed to its new silo.</summary>
[Collection(GrainCallTwoSiloCollection.Name)]
public sealed class WatchModelTwoSiloTests(GrainCallTwoSiloFactory host)
{
    [Fact]
    public async Task WatchModelAsync_ModelGrainMovesToTheOtherSilo_TheSameWatchSeesItReadyThere()
    {
        // Its own model (loaded only when asked), so no other test of the collection moves or loads it meanwhile.
        const string ModelId = TestCatalog.Manual;
        var model = host.Grains.GetGrain<IModelGrain>(ModelId);
        await model.LoadAsync();
        await StatusWatch.UntilStateAsync(host.Grains, ModelId, ModelState.Ready);
        var from = await host.Grains.GetGrain<IModelGrainControl>(ModelId).GetSiloAsync();
        var first = host.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;
        var to = from.Equals(first) ? host.SecondSilo.GetRequiredService<ILocalSiloDetails>().SiloAddress : first;

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var watch = host.Grains.WatchModelAsync(ModelId, timeout.Token).GetAsyncEnumerator(timeout.Token);
        Assert.True(await watch.MoveNextAsync());
        var before = watch.Current;
        var move = host.MoveModelAsync(ModelId, to);
        var seen = new List<ModelStatus>();
        while (seen.Count == 0 || !(seen[^1].State == ModelState.Ready && seen[^1].Silo == to.ToString()))
        {
            Assert.True(await watch.MoveNextAsync(), "the watch ended");
            seen.Add(watch.Current);
        }

        await move;
        Assert.Equal((ModelState.Ready, from.ToString()), (before.State, before.Silo));
        Assert.Equal(seen.Count, seen.Select(s => s.Sequence).Distinct().Count());
    }
}
