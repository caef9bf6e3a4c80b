namespace Orleans.Inference.Models;

/// <summary>The models registered at run time (beside the configured ones). One per cluster: key <see cref="Key"/>.</summary>
[Alias("models.catalog-grain")]
public interface ICatalogGrain : IGrainWithStringKey
{
    /// <summary>The key of the one catalog grain.</summary>
    public const string Key = "catalog";

    /// <summary>Returns a registered model's options, or null.</summary>
    [Alias("GetAsync")]
    Task<ModelOptions?> GetAsync(string modelId);

    /// <summary>Returns every registered model.</summary>
    [Alias("ListAsync")]
    Task<Dictionary<string, ModelOptions>> ListAsync();

    /// <summary>
    /// Registers a model; it persists like the models' desired state. Throws <see cref="InvalidModelException"/>
    /// for a spec that cannot work and <see cref="ModelExistsException"/> for an id already in the catalog.
    /// </summary>
    [Alias("RegisterAsync")]
    Task RegisterAsync(string modelId, ModelOptions model);
}
