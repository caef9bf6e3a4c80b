namespace Orleans.Inference.Batching;

/// <summary>The model's queue is full: the request was not accepted. Retry after <see cref="RetryAfter"/>.</summary>
[GenerateSerializer, Alias("batching.queue-full")]
public sealed class QueueFullException(string modelId, int queueLength, TimeSpan retryAfter, string limit = "its limit")
    : Exception($"The model '{modelId}' has {queueLength} requests waiting, {limit}; retry after {retryAfter.TotalSeconds:F0} s.")
{
    /// <summary>The model's id.</summary>
    [Id(0)]
    public string ModelId { get; } = modelId;

    /// <summary>When the queue should have room, from its depth and the observed batch rate.</summary>
    [Id(1)]
    public TimeSpan RetryAfter { get; } = retryAfter;
}
