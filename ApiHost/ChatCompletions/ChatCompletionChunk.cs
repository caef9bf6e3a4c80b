using System.Text.Json.Serialization;
using Orleans.Inference.ApiHost.Completions;

namespace Orleans.Inference.ApiHost.ChatCompletions;

/// <summary>One streamed piece of a chat completion (<c>object</c> is <c>chat.completion.chunk</c>).</summary>
public sealed record ChatCompletionChunk(string Id, long Created, string Model, ChatChunkChoice[] Choices, Usage? Usage = null)
{
    /// <summary>Always <c>chat.completion.chunk</c>.</summary>
    [JsonPropertyOrder(-1)]
    public string Object => "chat.completion.chunk";
}

/// <summary>The change to the reply: <c>role</c> on the first chunk, then <c>content</c>, then <c>finish_reason</c>.</summary>
public sealed record ChatChunkChoice(
    int Index,
    ChatDelta Delta,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? FinishReason)
{
    /// <summary>Always null: log probabilities are not supported.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public object? Logprobs => null;
}

/// <summary>What a chunk adds to the reply.</summary>
public sealed record ChatDelta(string? Role = null, string? Content = null);
