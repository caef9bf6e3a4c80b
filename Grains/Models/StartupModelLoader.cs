namespace Orleans.Inference.Models;

/// <summary>
/// Once the silo is active, activates every catalog model's grain: each one then loads if its persisted desired state
/// (or, never asked, its LoadOnStart) says so. This is how a restarted cluster reloads what was loaded.
/// </summary>
internal sealed class StartupModelLoader(IGrainFactory grains, ModelCatalog catalog) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(StartupModelLoader), ServiceLifecycleStage.Active, StartAsync);

    private async Task StartAsync(CancellationToken cancellationToken)
    {
        var models = await catalog.ListAsync();
        await Task.WhenAll(models.Select(model => grains.GetGrain<IModelGrain>(model.Key).GetStatusAsync()));
    }
}
