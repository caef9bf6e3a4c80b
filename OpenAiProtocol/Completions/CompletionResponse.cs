using System.Text.Json.Serialization;
using Orleans.Inference.Generation;
using Orleans.Inference.OpenAiProtocol.Responses;

namespace Orleans.Inference.OpenAiProtocol.Completions;

/// <summary>A completion, whole or (when streamed) one chunk of it: <c>object</c> is <c>text_completion</c> either way.</summary>
public sealed record CompletionResponse(string Id, long Created, string Model, CompletionChoice[] Choices, Usage? Usage)
{
    /// <summary>Always <c>text_completion</c>.</summary>
    [JsonPropertyOrder(-1)]
    public string Object => "text_completion";

    /// <summary>A whole completion: one choice per prompt, in prompt order, and their summed usage.</summary>
    public static CompletionResponse From(string id, long created, string model, IReadOnlyList<InferenceResult> results)
    {
        var choices = new CompletionChoice[results.Count];
        for (var i = 0; i < choices.Length; i++) choices[i] = new CompletionChoice(results[i].Text, i, results[i].FinishReason.ToOpenAi());
        return new(id, created, model, choices, Usage.Sum(results.Select(result => result.Usage)));
    }

    /// <summary>A streamed chunk: new text of one choice, with its finish reason when it is the choice's last.</summary>
    public static CompletionResponse Chunk(string id, long created, string model, int index, string text, string? finishReason, Usage? usage = null) =>
        new(id, created, model, [new CompletionChoice(text, index, finishReason)], usage);

    /// <summary><c>include_usage</c>'s last chunk: no choices, the request's usage.</summary>
    public static CompletionResponse Summary(string id, long created, string model, Usage usage) => new(id, created, model, [], usage);
}
