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

    /// <summary>Adaptive or Window.</summary>
    /// <example>Adaptive</example>
    public string? Policy { get; init; }

    /// <summary>The longest a forming batch waits, ms (0 to 1000).</summary>
    /// <example>10</example>
    public int? BatchWindowMs { get; init; }

    /// <summary>Requests that may wait before new ones get 429.</summary>
    /// <example>1024</example>
    public int? MaxQueueLength { get; init; }

    /// <summary>The longest a request may wait in the queue, ms.</summary>
    /// <example>30000</example>
    public int? QueueTimeoutMs { get; init; }
}
