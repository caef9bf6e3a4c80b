using Orleans.Inference.Generation;

namespace Orleans.Inference.Batching;

/// <summary>Batches one model's requests and runs them on its backend. Keyed by model id.</summary>
public interface IBatchGrain : IGrainWithStringKey
{
    /// <summary>Generates one sequence and returns it whole.</summary>
    Task<InferenceResult> CompleteAsync(InferenceRequest request, CancellationToken cancellationToken = default);

    /// <summary>Generates one sequence, yielding tokens as the backend produces them. Cancelling stops the sequence.</summary>
    IAsyncEnumerable<TokenChunk> StreamAsync(InferenceRequest request, CancellationToken cancellationToken = default);

    /// <summary>Activates the grain (next to its caller) so that it is warm before the first request.</summary>
    Task WarmUpAsync();
}
