namespace Orleans.Inference.Models;

/// <summary>Owns one model's lifecycle. Keyed by model id.</summary>
[Alias("models.model-grain")]
public interface IModelGrain : IGrainWithStringKey
{
    /// <summary>Returns the model's state, load progress, usage and in-flight requests.</summary>
    [Alias("GetStatusAsync")]
    Task<ModelStatus> GetStatusAsync();

    /// <summary>
    /// Starts loading the model and returns at once; the load goes on in the background, reporting progress.
    /// Records that the model should be loaded, so a restarted cluster loads it again.
    /// </summary>
    [Alias("LoadAsync")]
    Task<ModelStatus> LoadAsync();

    /// <summary>
    /// Starts unloading the model and returns at once: new requests get 503, in-flight ones finish (up to the
    /// drain timeout), then the model is released. Records that the model should stay unloaded.
    /// </summary>
    [Alias("UnloadAsync")]
    Task<ModelStatus> UnloadAsync();

    /// <summary>
    /// Returns when the model is ready to serve, starting a load if the model allows loading on demand.
    /// Throws <see cref="ModelUnavailableException"/> when it cannot be ready in time and
    /// <see cref="ModelNotFoundException"/> for an id the catalog does not have.
    /// </summary>
    [Alias("EnsureReadyAsync")]
    Task<ModelStatus> EnsureReadyAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Yields the current status, then every change (progress, state) until cancelled, until this activation of the
    /// model grain goes (it moves, or its silo shuts down), or after a few quiet seconds (so that a watch never holds
    /// the grain back from moving). <c>WatchModelAsync</c> of the typed client opens it again each time and goes on.
    /// </summary>
    [Alias("WatchAsync")]
    IAsyncEnumerable<ModelStatus> WatchAsync(CancellationToken cancellationToken = default);
}
