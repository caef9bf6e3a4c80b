using Orleans.Inference.ApiHost.Completions;

namespace Orleans.Inference.ApiHost.ChatCompletions;

/// <summary>The body of <c>POST /v1/chat/completions</c>, as OpenAI defines it.</summary>
public sealed class ChatCompletionRequest : GenerationRequest
{
    /// <summary>The conversation so far: system, user and assistant messages.</summary>
    public List<ChatMessageDto>? Messages { get; init; }

    /// <summary>The newer name of <c>max_tokens</c>, sent by current SDKs; wins when both are set.</summary>
    /// <example>32</example>
    public int? MaxCompletionTokens { get; init; }
}
