using Orleans.Inference.ApiHost.Json;

namespace Orleans.Inference.Simulator.Chat;

/// <summary>One message of a chat request.</summary>
public sealed class ChatMessageDto
{
    /// <summary><c>system</c>, <c>developer</c>, <c>user</c>, <c>assistant</c> or <c>tool</c>.</summary>
    public string? Role { get; init; }

    /// <summary>The text: a string, or an array of <c>{"type":"text","text":...}</c> parts.</summary>
    public MessageContent? Content { get; init; }
}
