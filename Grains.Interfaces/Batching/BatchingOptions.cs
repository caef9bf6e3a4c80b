namespace Orleans.Inference.Batching;

/// <summary>How one model's requests are grouped into batches.</summary>
[GenerateSerializer, Alias("batching.options")]
public sealed class BatchingOptions
{
    /// <summary>The most sequences in one batch; 1 turns batching off.</summary>
    [Id(0)]
    public int MaxBatchSize { get; set; } = 32;

    /// <summary>How many batches of this model may run at once (1 for the simulated engine, one step at a time).</summary>
    [Id(1)]
    public int MaxConcurrentBatches { get; set; } = 1;
}
