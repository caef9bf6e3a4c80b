namespace Orleans.Inference.Batching;

/// <summary>The batch grain's own wake-up: its timer calls back through the grain so the decision runs in its turn.</summary>
[Alias("batching.batch-grain-control")]
public interface IBatchGrainControl : IGrainWithStringKey
{
    /// <summary>Expires overdue requests and dispatches a batch if one is due.</summary>
    [Alias("WakeAsync")]
    Task WakeAsync();

    /// <summary>
    /// Its silo is shutting down: refuses new requests with <see cref="Models.ModelMovingException"/> (callers retry, and
    /// find the model on another silo) and waits, up to the model's drain timeout, for those it accepted to finish.
    /// </summary>
    [Alias("DrainForShutdownAsync")]
    Task DrainForShutdownAsync();
}
