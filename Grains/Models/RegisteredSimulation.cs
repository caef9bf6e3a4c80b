using Orleans.Inference.Backends.Simulated;

namespace Orleans.Inference.Models;

/// <summary>A registered model's simulated cost model, as the catalog persists it (see <see cref="RegisteredModel"/>).</summary>
[GenerateSerializer, Immutable, Alias("models.registered-simulation")]
public sealed record RegisteredSimulation(
    [property: Id(0)] double LoadSeconds,
    [property: Id(1)] double StepMs,
    [property: Id(2)] double PerSequenceMs,
    [property: Id(3)] double PrefillMsPerToken,
    [property: Id(4)] bool FailLoad,
    [property: Id(5)] int FailLoadCount,
    [property: Id(6)] string? FailPromptsContaining,
    [property: Id(7)] int FailAfterTokens,
    [property: Id(8)] int PrefixCacheTokens = 0)
{
    public static RegisteredSimulation From(SimulationOptions simulation) => new(
        simulation.LoadSeconds, simulation.StepMs, simulation.PerSequenceMs, simulation.PrefillMsPerToken, simulation.FailLoad,
        simulation.FailLoadCount, simulation.FailPromptsContaining, simulation.FailAfterTokens, simulation.PrefixCacheTokens);

    public SimulationOptions ToOptions() => new()
    {
        LoadSeconds = LoadSeconds,
        StepMs = StepMs,
        PerSequenceMs = PerSequenceMs,
        PrefillMsPerToken = PrefillMsPerToken,
        FailLoad = FailLoad,
        FailLoadCount = FailLoadCount,
        FailPromptsContaining = FailPromptsContaining,
        FailAfterTokens = FailAfterTokens,
        PrefixCacheTokens = PrefixCacheTokens,
    };
}
