using Orleans.Inference.Generation;

namespace Orleans.Inference.Simulator.Requests;

/// <summary>OpenAI's spelling of a finish reason.</summary>
internal static class FinishReasons
{
    public static string ToOpenAi(this FinishReason reason) => reason == FinishReason.Length ? "length" : "stop";

    public static string? ToOpenAi(this FinishReason? reason) => reason?.ToOpenAi();
}
