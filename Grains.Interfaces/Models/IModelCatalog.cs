namespace Orleans.Inference.Models;

/// <summary>
/// Every model the cluster serves, as a host sees it: the configured ones (<c>Inference:Models</c>) and those registered at
/// run time through the <see cref="ICatalogGrain"/>, cached once seen. Registered by <c>AddInferenceCatalog</c>.
/// </summary>
public interface IModelCatalog
{
    /// <summary>A model's options, or null for an id the catalog does not hold.</summary>
    ValueTask<ModelOptions?> FindAsync(string modelId);

    /// <summary>Every model, configured first.</summary>
    Task<IReadOnlyList<KeyValuePair<string, ModelOptions>>> ListAsync();

    /// <summary>True for an id in the configuration (registration must not shadow it).</summary>
    bool IsConfigured(string modelId);
}
