namespace Orleans.Inference.Generation;

/// <summary>One message of a chat conversation.</summary>
/// <param name="Role">system, user or assistant.</param>
/// <param name="Content">The message text.</param>
[GenerateSerializer, Immutable, Alias("generation.chat-message")]
public sealed record ChatMessage(
    [property: Id(0)] string Role,
    [property: Id(1)] string Content);
