using System.Text.Json.Serialization;
using Orleans.Inference.Simulator.Requests;

namespace Orleans.Inference.Simulator.Chat;

/// <summary>A whole chat completion (<c>object</c> is <c>chat.completion</c>).</summary>
public sealed record ChatCompletionResponse(string Id, long Created, string Model, ChatChoice[] Choices, Usage Usage)
{
    /// <summary>Always <c>chat.completion</c>.</summary>
    [JsonPropertyOrder(-1)]
    public string Object => "chat.completion";
}
