namespace Orleans.Inference.Backends.Simulated;

/// <summary>
/// The cost model of the simulated engine, which behaves like one accelerator:
/// a decode step costs <c>StepMs + PerSequenceMs * batchSize</c>, prefill costs
/// <c>PrefillMsPerToken * promptTokens</c>. Zero everywhere measures the gateway alone.
/// </summary>
public sealed class SimulationOptions
{
    /// <summary>How long a load takes, in seconds.</summary>
    public double LoadSeconds { get; set; } = 2;

    /// <summary>Fixed cost of one decode step, in milliseconds.</summary>
    public double StepMs { get; set; }

    /// <summary>Added cost of one decode step per sequence in the batch, in milliseconds.</summary>
    public double PerSequenceMs { get; set; }

    /// <summary>Prefill cost per prompt token, in milliseconds.</summary>
    public double PrefillMsPerToken { get; set; }

    /// <summary>True when every cost is zero, so the engine never waits.</summary>
    public bool IsFree => StepMs <= 0 && PerSequenceMs <= 0 && PrefillMsPerToken <= 0;
}
