namespace Orleans.Inference.Models;

/// <summary>The persisted registered models.</summary>
[GenerateSerializer, Alias("models.catalog-state")]
public sealed class CatalogState
{
    /// <summary>
    /// Registered models as catalogs before <see cref="Registered"/> stored them (the options object itself). Read once,
    /// moved to <see cref="Registered"/> and cleared, so a cluster upgraded in place keeps its registered models.
    /// </summary>
    [Id(0)]
    public Dictionary<string, ModelOptions>? Models { get; set; }

    [Id(1)]
    public Dictionary<string, RegisteredModel> Registered { get; set; } = new(StringComparer.Ordinal);
}
