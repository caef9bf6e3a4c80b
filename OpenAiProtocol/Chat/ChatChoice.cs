using System.Text.Json.Serialization;

namespace Orleans.Inference.OpenAiProtocol.Chat;

/// <summary>The reply of a whole chat completion.</summary>
/// <param name="Index">Always 0.</param>
/// <param name="Message">The assistant's message.</param>
/// <param name="FinishReason"><c>length</c> or <c>stop</c>.</param>
public sealed record ChatChoice(
    int Index,
    ChatReplyMessage Message,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? FinishReason)
{
    /// <summary>Always null: log probabilities are not supported.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public object? Logprobs => null;
}
