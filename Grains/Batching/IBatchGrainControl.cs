namespace Orleans.Inference.Batching;

/// <summary>The silo's own calls into a batch grain.</summary>
[Alias("batching.batch-grain-control")]
public interface IBatchGrainControl : IGrainWithStringKey
{
    /// <summary>
    /// Its silo is shutting down: refuses new requests with <see cref="Models.ModelMovingException"/> (callers retry, and
    /// find the model on another silo) and waits, up to the model's drain timeout, for those it accepted to finish.
    /// </summary>
    [Alias("DrainForShutdownAsync")]
    Task DrainForShutdownAsync();
}
