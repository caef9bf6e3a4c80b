namespace Orleans.Inference.Models;

/// <summary>Owns one model's lifecycle. Keyed by model id.</summary>
public interface IModelGrain : IGrainWithStringKey
{
    /// <summary>Returns the model's state and load progress.</summary>
    Task<ModelStatus> GetStatusAsync();

    /// <summary>Starts loading the model and returns at once; the load goes on in the background.</summary>
    Task<ModelStatus> LoadAsync();

    /// <summary>
    /// Returns when the model is ready to serve, starting a load if the model allows loading on demand.
    /// Throws <see cref="ModelUnavailableException"/> when it cannot be ready in time and
    /// <see cref="ModelNotFoundException"/> for an id the catalog does not have.
    /// </summary>
    Task<ModelStatus> EnsureReadyAsync(CancellationToken cancellationToken = default);
}
