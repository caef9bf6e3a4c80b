using Orleans.Inference.Generation;

namespace Orleans.Inference.Batching;

/// <summary>Batches one model's requests and runs them on its backend. Keyed by model id.</summary>
[Alias("batching.batch-grain")]
public interface IBatchGrain : IGrainWithStringKey
{
    /// <summary>
    /// Generates one sequence and returns it whole. A model that is not ready is waited for through its model grain
    /// (loaded on demand, up to its load wait), or refused as <see cref="Models.IModelGrain.EnsureReadyAsync"/> refuses.
    /// </summary>
    [Alias("CompleteAsync")]
    Task<InferenceResult> CompleteAsync(InferenceRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Generates one sequence, yielding tokens as the backend produces them; a model that is not ready is waited for as
    /// in <see cref="CompleteAsync"/>. Cancelling stops the sequence.
    /// </summary>
    [Alias("StreamAsync")]
    IAsyncEnumerable<TokenChunk> StreamAsync(InferenceRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Queues one sequence whose tokens are published, tagged with <paramref name="requestId"/>, on the token stream keyed
    /// <paramref name="streamKey"/> (<see cref="Streaming.TokenStreams"/>), and returns once it is queued; subscribe first.
    /// Throws as <see cref="CompleteAsync"/> does when the request cannot be queued.
    /// </summary>
    [Alias("PublishTokensAsync")]
    Task PublishTokensAsync(InferenceRequest request, Guid requestId, string streamKey);

    /// <summary>Cancels a sequence started by <see cref="PublishTokensAsync"/>: the backend drops it at its next step.</summary>
    [Alias("CancelTokensAsync")]
    Task CancelTokensAsync(Guid requestId);

    /// <summary>Accepts requests again after a load (and activates the grain next to its caller before the first request).</summary>
    [Alias("OpenAsync")]
    Task OpenAsync();

    /// <summary>
    /// Stops accepting requests (new ones get <see cref="Models.ModelUnavailableException"/>), waits up to
    /// <paramref name="timeout"/> for the queued and running ones to finish, then fails whatever is left.
    /// </summary>
    [Alias("DrainAsync")]
    Task DrainAsync(TimeSpan timeout);

    /// <summary>Requests queued or running.</summary>
    [Alias("GetInFlightAsync")]
    Task<int> GetInFlightAsync();
}
