namespace Orleans.Inference.OpenAiProtocol.Chat;

/// <summary>The assistant's message.</summary>
public sealed record ChatReplyMessage(string Role, string Content);
