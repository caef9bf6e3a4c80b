using Microsoft.Extensions.Options;

namespace Orleans.Inference.Models;

/// <summary>Starts loading the models marked <see cref="ModelOptions.LoadOnStart"/> once the silo is active.</summary>
internal sealed class StartupModelLoader(IGrainFactory grains, IOptions<InferenceOptions> options)
    : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(StartupModelLoader), ServiceLifecycleStage.Active, StartAsync);

    private async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var (modelId, model) in options.Value.Models)
        {
            // LoadAsync returns at once; the loads run in their grains.
            if (model.LoadOnStart) await grains.GetGrain<IModelGrain>(modelId).LoadAsync();
        }
    }
}
