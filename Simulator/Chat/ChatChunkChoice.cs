using System.Text.Json.Serialization;

namespace Orleans.Inference.Simulator.Chat;

/// <summary>A chunk's change to the reply: the role first, then content, the last with its finish reason.</summary>
public sealed record ChatChunkChoice(
    int Index,
    ChatDelta Delta,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? FinishReason)
{
    /// <summary>Always null: there are no log probabilities to give.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public object? Logprobs => null;
}
