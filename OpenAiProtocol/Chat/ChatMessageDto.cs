using Orleans.Inference.OpenAiProtocol.Json;

namespace Orleans.Inference.OpenAiProtocol.Chat;

/// <summary>One message of a chat request.</summary>
public sealed class ChatMessageDto
{
    /// <summary><c>system</c>, <c>developer</c> (treated as system), <c>user</c> or <c>assistant</c>.</summary>
    /// <example>user</example>
    public string? Role { get; init; }

    /// <summary>The text: a string, or an array of <c>{"type":"text","text":...}</c> parts.</summary>
    /// <example>Tell me a story about a harbor.</example>
    public MessageContent? Content { get; init; }

    /// <summary>An optional name for the participant.</summary>
    public string? Name { get; init; }
}
