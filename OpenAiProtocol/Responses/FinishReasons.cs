using Orleans.Inference.Generation;

namespace Orleans.Inference.OpenAiProtocol.Responses;

/// <summary>OpenAI's spelling of a finish reason.</summary>
public static class FinishReasons
{
    public static string ToOpenAi(this FinishReason reason) => reason == FinishReason.Length ? "length" : "stop";

    public static string? ToOpenAi(this FinishReason? reason) => reason?.ToOpenAi();
}
