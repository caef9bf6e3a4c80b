using Orleans.Inference.OpenAiProtocol.Json;

namespace Orleans.Inference.Simulator.Json;

/// <summary>The Simulator's own bodies (stats, faults, props), in OpenAI's JSON style; OpenAI's go through <see cref="OpenAiJson"/>.</summary>
internal static class SimulatorJson
{
    public static readonly SimulatorJsonContext Context = new(OpenAiJson.CreateOptions());
}
