namespace Orleans.Inference.Batching;

/// <summary>How one model's requests are grouped into batches, and how many may wait.</summary>
[GenerateSerializer, Alias("batching.options")]
public sealed class BatchingOptions
{
    /// <summary>The most sequences in one batch; 1 turns batching off.</summary>
    [Id(0)]
    public int MaxBatchSize { get; set; } = 32;

    /// <summary>How many batches of this model may run at once (1 for the simulated engine, one step at a time).</summary>
    [Id(1)]
    public int MaxConcurrentBatches { get; set; } = 1;

    /// <summary>Adaptive (default) or Window.</summary>
    [Id(2)]
    public BatchPolicy Policy { get; set; } = BatchPolicy.Adaptive;

    /// <summary>The longest a forming batch waits for more requests, in milliseconds (0 to 1000).</summary>
    [Id(3)]
    public int BatchWindowMs { get; set; } = 10;

    /// <summary>Requests that may wait; past it new requests get 429 with Retry-After.</summary>
    [Id(4)]
    public int MaxQueueLength { get; set; } = 1024;

    /// <summary>The longest a request may wait in the queue, in milliseconds; past it it leaves with 503 instead of running.</summary>
    [Id(5)]
    public int QueueTimeoutMs { get; set; } = 30_000;
}
