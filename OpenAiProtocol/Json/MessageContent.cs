using System.Text.Json.Serialization;

namespace Orleans.Inference.OpenAiProtocol.Json;

/// <summary>A chat message's content: a string, or an array of text parts joined into one string.</summary>
[JsonConverter(typeof(MessageContentConverter))]
public sealed class MessageContent(string text)
{
    /// <summary>The message text.</summary>
    public string Text { get; } = text;
}
