using Orleans.Inference.Engines;

namespace Orleans.Inference.Backends;

/// <summary>Runs one model: the simulated engine here, an HTTP inference server later.</summary>
internal interface IInferenceBackend
{
    /// <summary>Makes the model ready to serve, reporting progress as it goes.</summary>
    Task LoadAsync(IProgress<LoadProgress> progress, CancellationToken cancellationToken);

    /// <summary>
    /// Requests with equal keys can share a batch; a backend that cannot mix some sampling parameters in one batch
    /// returns them in the key. Null for a backend that mixes anything.
    /// </summary>
    object? BatchKey(Generation.InferenceRequest request);

    /// <summary>
    /// True when the backend sends such a request on its own whatever batch it is in (one backend request per sequence):
    /// a batch of them gains nothing from waiting for more, so the scheduler sends it as soon as a batch slot is free.
    /// </summary>
    bool RunsAlone(Generation.InferenceRequest request);

    /// <summary>Releases the model.</summary>
    Task UnloadAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Generates every sequence of the batch, writing each one's tokens to it as they are produced
    /// and finishing it (or failing it alone). Returns when every sequence is finished.
    /// </summary>
    Task RunBatchAsync(IReadOnlyList<BatchSequence> batch, CancellationToken cancellationToken);
}
