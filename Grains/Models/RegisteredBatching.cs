using Orleans.Inference.Batching;

namespace Orleans.Inference.Models;

/// <summary>A registered model's batching, as the catalog persists it (see <see cref="RegisteredModel"/>).</summary>
[GenerateSerializer, Immutable, Alias("models.registered-batching")]
public sealed record RegisteredBatching(
    [property: Id(0)] int MaxBatchSize,
    [property: Id(1)] int MaxConcurrentBatches,
    [property: Id(2)] BatchPolicy Policy,
    [property: Id(3)] int BatchWindowMs,
    [property: Id(4)] int MaxQueueLength,
    [property: Id(5)] int QueueTimeoutMs)
{
    public static RegisteredBatching From(BatchingOptions batching) => new(
        batching.MaxBatchSize, batching.MaxConcurrentBatches, batching.Policy, batching.BatchWindowMs, batching.MaxQueueLength, batching.QueueTimeoutMs);

    public BatchingOptions ToOptions() => new()
    {
        MaxBatchSize = MaxBatchSize,
        MaxConcurrentBatches = MaxConcurrentBatches,
        Policy = Policy,
        BatchWindowMs = BatchWindowMs,
        MaxQueueLength = MaxQueueLength,
        QueueTimeoutMs = QueueTimeoutMs,
    };
}
