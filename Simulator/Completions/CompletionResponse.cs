using System.Text.Json.Serialization;
using Orleans.Inference.Simulator.Requests;

namespace Orleans.Inference.Simulator.Completions;

/// <summary>A completion, whole or (streamed) one chunk of it: <c>object</c> is <c>text_completion</c> either way.</summary>
public sealed record CompletionResponse(string Id, long Created, string Model, CompletionChoice[] Choices, Usage? Usage)
{
    /// <summary>Always <c>text_completion</c>.</summary>
    [JsonPropertyOrder(-1)]
    public string Object => "text_completion";
}
