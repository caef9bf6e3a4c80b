namespace Orleans.Inference.Batching;

/// <summary>The request waited in the queue past its deadline and left without running.</summary>
[GenerateSerializer, Alias("batching.queue-timeout")]
public sealed class QueueTimeoutException(string modelId, TimeSpan waited)
    : Exception($"The request to '{modelId}' waited {waited.TotalMilliseconds:F0} ms in the queue, past its deadline, and was not run.")
{
    /// <summary>The model's id.</summary>
    [Id(0)]
    public string ModelId { get; } = modelId;
}
