namespace Orleans.Inference.ApiHost.Admin;

/// <summary>How a registered model's requests are batched.</summary>
public sealed class BatchingSpec
{
    /// <summary>The most sequences in one batch.</summary>
    /// <example>32</example>
    public int? MaxBatchSize { get; init; }

    /// <summary>Batches that may run at once.</summary>
    /// <example>1</example>
    public int? MaxConcurrentBatches { get; init; }
}
