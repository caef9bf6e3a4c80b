using System.Text.Json.Serialization;

namespace Orleans.Inference.Simulator.Chat;

/// <summary>The reply of a whole chat completion.</summary>
/// <param name="Index">Always 0.</param>
/// <param name="Message">The assistant's message.</param>
/// <param name="FinishReason"><c>length</c> or <c>stop</c>.</param>
public sealed record ChatChoice(int Index, ChatReplyMessage Message, string? FinishReason)
{
    /// <summary>Always null: there are no log probabilities to give.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public object? Logprobs => null;
}
