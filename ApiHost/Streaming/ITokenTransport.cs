using Orleans.Inference.Generation;

namespace Orleans.Inference.ApiHost.Streaming;

/// <summary>
/// How tokens travel from the model's batch grain to this host. One seam, so that a grain call returning
/// <see cref="IAsyncEnumerable{T}"/> and Orleans streams can both serve and be measured against each other.
/// </summary>
public interface ITokenTransport
{
    /// <summary>Streams one sequence's tokens; cancelling stops the sequence in the backend.</summary>
    IAsyncEnumerable<TokenChunk> StreamAsync(string modelId, InferenceRequest request, CancellationToken cancellationToken);
}
