namespace Orleans.Inference.Backends.Simulated;

/// <summary>
/// The cost model of the simulated engine, which behaves like one accelerator:
/// prefill costs <c>PrefillMsPerToken * promptTokens</c> and yields every sequence's first token; each decode step
/// costs <c>StepMs + PerSequenceMs * batchSize</c> and yields one more. Zero everywhere measures the gateway alone.
/// </summary>
[GenerateSerializer, Alias("backends.simulation-options")]
public sealed class SimulationOptions
{
    /// <summary>How long a load takes, in seconds.</summary>
    [Id(0)]
    public double LoadSeconds { get; set; } = 2;

    /// <summary>Fixed cost of one decode step, in milliseconds.</summary>
    [Id(1)]
    public double StepMs { get; set; }

    /// <summary>Added cost of one decode step per sequence in the batch, in milliseconds.</summary>
    [Id(2)]
    public double PerSequenceMs { get; set; }

    /// <summary>Prefill cost per prompt token, in milliseconds.</summary>
    [Id(3)]
    public double PrefillMsPerToken { get; set; }

    /// <summary>Make loads fail half way, to try failure handling.</summary>
    [Id(4)]
    public bool FailLoad { get; set; }

    /// <summary>With <see cref="FailLoad"/>: fail only this many loads, then succeed (0 fails every load).</summary>
    [Id(5)]
    public int FailLoadCount { get; set; }

    /// <summary>A sequence whose prompt contains this text fails alone, after <see cref="FailAfterTokens"/>: per-sequence fault injection.</summary>
    [Id(6)]
    public string? FailPromptsContaining { get; set; }

    /// <summary>With <see cref="FailPromptsContaining"/>: tokens such a sequence yields before it fails (0: before its first).</summary>
    [Id(7)]
    public int FailAfterTokens { get; set; }

    /// <summary>True when every cost is zero, so the engine never waits.</summary>
    public bool IsFree => StepMs <= 0 && PerSequenceMs <= 0 && PrefillMsPerToken <= 0;

    /// <summary>
    /// Tokens of prompt prefixes the engine keeps cached (0 for none), as vLLM's prefix caching does: an LRU of 16-token
    /// blocks; a prompt's prefill costs <see cref="PrefillMsPerToken"/> only for its tokens past its longest cached prefix.
    /// </summary>
    [Id(8)]
    public int PrefixCacheTokens { get; set; }
}
