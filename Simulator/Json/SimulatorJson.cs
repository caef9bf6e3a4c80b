using System.Text.Encodings.Web;
using System.Text.Json;

namespace Orleans.Inference.Simulator.Json;

/// <summary>The JSON context every body goes through.</summary>
internal static class SimulatorJson
{
    /// <summary>Source-generated, and escaping only what JSON requires, so text reads as generated (no \u0027 for ').</summary>
    public static readonly SimulatorJsonContext Context = new(new JsonSerializerOptions(SimulatorJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
