using System.Text.Json.Serialization;
using Orleans.Inference.OpenAiProtocol.Responses;

namespace Orleans.Inference.OpenAiProtocol.Chat;

/// <summary>One streamed piece of a chat completion (<c>object</c> is <c>chat.completion.chunk</c>).</summary>
public sealed record ChatCompletionChunk(string Id, long Created, string Model, ChatChunkChoice[] Choices, Usage? Usage = null)
{
    /// <summary>Always <c>chat.completion.chunk</c>.</summary>
    [JsonPropertyOrder(-1)]
    public string Object => "chat.completion.chunk";

    /// <summary>The first chunk: the assistant's role, no text yet.</summary>
    public static ChatCompletionChunk Opening(string id, long created, string model, Usage? usage = null) =>
        new(id, created, model, [new ChatChunkChoice(0, new ChatDelta("assistant", string.Empty), null)], usage);

    /// <summary>New text of a choice, with its finish reason when it is the choice's last.</summary>
    public static ChatCompletionChunk Content(string id, long created, string model, int index, string text, string? finishReason = null, Usage? usage = null) =>
        new(id, created, model, [new ChatChunkChoice(index, new ChatDelta(Content: text), finishReason)], usage);

    /// <summary>The end of a choice: an empty delta and its finish reason.</summary>
    public static ChatCompletionChunk Finish(string id, long created, string model, int index, string finishReason) =>
        new(id, created, model, [new ChatChunkChoice(index, new ChatDelta(), finishReason)]);

    /// <summary><c>include_usage</c>'s last chunk: no choices, the request's usage.</summary>
    public static ChatCompletionChunk Summary(string id, long created, string model, Usage usage) => new(id, created, model, [], usage);
}
