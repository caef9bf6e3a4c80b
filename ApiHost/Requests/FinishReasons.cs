using Orleans.Inference.Generation;

namespace Orleans.Inference.ApiHost.Requests;

/// <summary>OpenAI's spelling of a finish reason.</summary>
internal static class FinishReasons
{
    public static string ToOpenAi(this FinishReason reason) => reason switch
    {
        FinishReason.Length => "length",
        _ => "stop",
    };

    public static string? ToOpenAi(this FinishReason? reason) => reason?.ToOpenAi();
}
