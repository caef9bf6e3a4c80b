using Orleans.Inference.Simulator.Requests;

namespace Orleans.Inference.Simulator.Chat;

/// <summary>The body of <c>POST /v1/chat/completions</c>.</summary>
public sealed class ChatRequest : GenerationRequest
{
    /// <summary>The conversation so far.</summary>
    public List<ChatMessageDto>? Messages { get; init; }

    /// <summary>The newer name of <c>max_tokens</c>, sent by current SDKs; wins when both are set.</summary>
    public int? MaxCompletionTokens { get; init; }
}
