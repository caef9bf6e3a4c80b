using System.Text.Json.Serialization;
using Orleans.Inference.ApiHost.Completions;

namespace Orleans.Inference.ApiHost.ChatCompletions;

/// <summary>A whole chat completion (<c>object</c> is <c>chat.completion</c>).</summary>
public sealed record ChatCompletionResponse(string Id, long Created, string Model, ChatChoice[] Choices, Usage Usage)
{
    /// <summary>Always <c>chat.completion</c>.</summary>
    [JsonPropertyOrder(-1)]
    public string Object => "chat.completion";
}

/// <summary>The reply.</summary>
public sealed record ChatChoice(
    int Index,
    ChatReplyMessage Message,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? FinishReason)
{
    /// <summary>Always null: log probabilities are not supported.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public object? Logprobs => null;
}

/// <summary>The assistant's message.</summary>
public sealed record ChatReplyMessage(string Role, string Content);
