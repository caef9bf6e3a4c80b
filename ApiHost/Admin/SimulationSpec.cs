namespace Orleans.Inference.ApiHost.Admin;

/// <summary>The simulated engine's cost model for a registered model.</summary>
public sealed class SimulationSpec
{
    /// <summary>Load time in seconds.</summary>
    /// <example>3</example>
    public double? LoadSeconds { get; init; }

    /// <summary>Fixed cost of a decode step, ms.</summary>
    /// <example>10</example>
    public double? StepMs { get; init; }

    /// <summary>Cost per sequence in a step, ms.</summary>
    /// <example>0.05</example>
    public double? PerSequenceMs { get; init; }

    /// <summary>Prefill cost per prompt token, ms.</summary>
    /// <example>0.01</example>
    public double? PrefillMsPerToken { get; init; }

    /// <summary>Make loads fail half way (to try failure handling).</summary>
    /// <example>false</example>
    public bool? FailLoad { get; init; }

    /// <summary>With fail_load: fail only this many loads (0: all).</summary>
    /// <example>0</example>
    public int? FailLoadCount { get; init; }
}
