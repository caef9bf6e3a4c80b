using System.Text.Json.Serialization;
using Orleans.Inference.Simulator.Requests;

namespace Orleans.Inference.Simulator.Chat;

/// <summary>One streamed piece of a chat completion (<c>object</c> is <c>chat.completion.chunk</c>).</summary>
public sealed record ChatCompletionChunk(string Id, long Created, string Model, ChatChunkChoice[] Choices, Usage? Usage)
{
    /// <summary>Always <c>chat.completion.chunk</c>.</summary>
    [JsonPropertyOrder(-1)]
    public string Object => "chat.completion.chunk";
}
