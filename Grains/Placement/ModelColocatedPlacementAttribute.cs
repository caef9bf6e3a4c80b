using Orleans.Placement;

namespace Orleans.Inference.Placement;

/// <summary>Marks a grain keyed by model id to live beside that model's grain (<see cref="ModelColocatedPlacement"/>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class ModelColocatedPlacementAttribute() : PlacementAttribute(ModelColocatedPlacement.Instance);
