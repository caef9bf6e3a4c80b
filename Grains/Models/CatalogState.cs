namespace Orleans.Inference.Models;

/// <summary>The persisted registered models.</summary>
[GenerateSerializer, Alias("models.catalog-state")]
public sealed class CatalogState
{
    [Id(0)]
    public Dictionary<string, ModelOptions> Models { get; set; } = new(StringComparer.Ordinal);
}
