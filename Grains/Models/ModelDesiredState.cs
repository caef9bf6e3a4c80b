namespace Orleans.Inference.Models;

/// <summary>Whether a model should be loaded, as last asked; persisted so a restarted cluster loads it again.</summary>
[GenerateSerializer, Alias("models.desired-state")]
public sealed class ModelDesiredState
{
    /// <summary>True: keep loaded; false: keep unloaded; null: never asked, so the catalog's LoadOnStart decides.</summary>
    [Id(0)]
    public bool? Loaded { get; set; }
}
