using Orleans.Inference.Backends.Simulated;

namespace Orleans.Inference.Simulator.Engine;

/// <summary>The simulated models this server serves: section <c>Simulator</c>.</summary>
public sealed class SimulatorOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Simulator";

    /// <summary>
    /// The models by id, each with the gateway's cost model (<c>Simulator:Models:{id}:StepMs</c> and so on).
    /// Each model gets one simulated engine for the whole process, so concurrent requests share its accelerator.
    /// </summary>
    public Dictionary<string, SimulationOptions> Models { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The largest <c>max_tokens</c> a request may ask for; a free model generates a whole sequence at once.</summary>
    public int MaxOutputTokens { get; set; } = 4096;
}
