using Orleans.Inference.OpenAiProtocol.Requests;

namespace Orleans.Inference.OpenAiProtocol.Chat;

/// <summary>The body of <c>POST /v1/chat/completions</c>, as OpenAI defines it.</summary>
public sealed class ChatCompletionRequest : GenerationRequest
{
    /// <summary>The conversation so far: system, user and assistant messages.</summary>
    public List<ChatMessageDto>? Messages { get; init; }

    /// <summary>The newer name of <c>max_tokens</c>, sent by current SDKs; wins when both are set.</summary>
    /// <example>32</example>
    public int? MaxCompletionTokens { get; init; }

    /// <summary>The token limit the client sent, under whichever name it used.</summary>
    public (int? Value, string Param) TokenLimit() =>
        MaxCompletionTokens is not null ? (MaxCompletionTokens, "max_completion_tokens") : (MaxTokens, "max_tokens");
}
