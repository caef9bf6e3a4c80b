using Orleans.Inference.OpenAiProtocol.Errors;

namespace Orleans.Inference.ApiHost.Streaming;

/// <summary>What an OpenAI event stream carries: a chunk, an error event, or the closing <c>[DONE]</c>.</summary>
internal readonly record struct StreamEvent<T>(T? Chunk, OpenAiErrorResponse? Error) where T : class
{
    public static StreamEvent<T> Done => default;
}
