namespace Orleans.Inference.OpenAiProtocol.Chat;

/// <summary>What a chunk adds to the reply (streamed), or the message itself when a server's whole answer is read.</summary>
public sealed record ChatDelta(string? Role = null, string? Content = null);
