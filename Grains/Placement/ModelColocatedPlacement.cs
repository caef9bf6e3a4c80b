namespace Orleans.Inference.Placement;

/// <summary>
/// Places a model's batch grain on the silo of its model grain: the silo where the model instance is loaded. Without
/// it, a batch grain reactivated by a caller (after a silo failure, say) would start on the caller's silo, away from
/// the model, and the hot path would cross silos or find no model loaded.
/// </summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("placement.model-colocated")]
public sealed class ModelColocatedPlacement : PlacementStrategy
{
    internal static readonly ModelColocatedPlacement Instance = new();
}
