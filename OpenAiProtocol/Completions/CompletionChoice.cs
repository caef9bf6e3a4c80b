using System.Text.Json.Serialization;

namespace Orleans.Inference.OpenAiProtocol.Completions;

/// <summary>One prompt's completion.</summary>
/// <param name="Text">The generated text (in a stream, the new text of this chunk).</param>
/// <param name="Index">The prompt's index.</param>
/// <param name="FinishReason"><c>length</c> or <c>stop</c>; null in a stream until the choice ends.</param>
public sealed record CompletionChoice(
    string Text,
    int Index,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? FinishReason)
{
    /// <summary>Always null: log probabilities are not supported.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public object? Logprobs => null;
}
