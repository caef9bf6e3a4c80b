using Orleans.Inference.Client;
using Orleans.Inference.Generation;
using Orleans.Inference.Models;
using Orleans.Inference.Tests.Infrastructure;

namespace Orleans.Inference.Tests.Grains.Models;

[Collection(ClusterCollection.Name)]
public sealed class ModelGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task EnsureReadyAsync_LoadOnDemandOff_ThrowsUnavailableAcrossSilos()
    {
        var error = await Assert.ThrowsAsync<ModelUnavailableException>(
            () => fixture.Client.CompleteAsync(TestCatalog.Manual, new InferenceRequest("x", new SamplingParameters(4))));

        Assert.Equal(ModelState.Unloaded, error.State);
        Assert.Equal(TestCatalog.Manual, error.ModelId);
    }

    [Fact]
    public async Task EnsureReadyAsync_UnknownModel_ThrowsNotFound()
    {
        var error = await Assert.ThrowsAsync<ModelNotFoundException>(
            () => fixture.Client.GetGrain<IModelGrain>("no-such-model").EnsureReadyAsync());

        Assert.Equal("no-such-model", error.ModelId);
    }
}
