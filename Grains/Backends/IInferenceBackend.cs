using Orleans.Inference.Batching;

namespace Orleans.Inference.Backends;

/// <summary>Runs one model: the simulated engine here, an HTTP inference server later.</summary>
internal interface IInferenceBackend
{
    /// <summary>Makes the model ready to serve, reporting progress as it goes.</summary>
    Task LoadAsync(IProgress<LoadProgress> progress, CancellationToken cancellationToken);

    /// <summary>Releases the model.</summary>
    Task UnloadAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Generates every sequence of the batch, writing each one's tokens to it as they are produced
    /// and finishing it (or failing it alone). Returns when every sequence is finished.
    /// </summary>
    Task RunBatchAsync(IReadOnlyList<BatchSequence> batch, CancellationToken cancellationToken);
}
