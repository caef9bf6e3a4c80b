using Orleans.Inference.Models;
using Orleans.Runtime.Placement;

namespace Orleans.Inference.Placement;

/// <summary>
/// Asks the model's grain where it lives (activating it if needed, as any request would) and places there; falls back
/// to the local silo when that silo cannot take the activation (it is leaving the cluster, say).
/// </summary>
internal sealed class ModelColocatedPlacementDirector(IGrainFactory grains) : IPlacementDirector
{
    public async Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var modelId = target.GrainIdentity.Key.ToString()!;
        var silo = await grains.GetGrain<IModelGrainControl>(modelId).GetSiloAsync();
        return context.GetCompatibleSilos(target).Contains(silo) ? silo : context.LocalSilo;
    }
}
