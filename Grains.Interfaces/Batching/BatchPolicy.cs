namespace Orleans.Inference.Batching;

/// <summary>When a forming batch leaves for the backend.</summary>
[GenerateSerializer, Alias("batching.policy")]
public enum BatchPolicy
{
    /// <summary>
    /// Leaves when the backend is free and the batch has reached the size recent load suggests (a lone request at low
    /// load goes at once), when it reaches MaxBatchSize, or when its window expires.
    /// </summary>
    Adaptive = 0,

    /// <summary>Strictly the timer window: leaves when the window since its first request expires, or at MaxBatchSize.</summary>
    Window = 1,
}
