using System.Text.Json.Serialization;

namespace Orleans.Inference.Simulator.Completions;

/// <summary>One prompt's completion.</summary>
/// <param name="Index">The prompt's index.</param>
/// <param name="Text">The generated text (streamed: this chunk's new text).</param>
/// <param name="FinishReason"><c>length</c> or <c>stop</c>; streamed, null until the choice's last chunk.</param>
public sealed record CompletionChoice(
    int Index,
    string Text,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? FinishReason)
{
    /// <summary>Always null: there are no log probabilities to give.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public object? Logprobs => null;
}
