using System.Text.Json.Serialization;

namespace Orleans.Inference.OpenAiProtocol.Chat;

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
