using Orleans.Inference.ApiHost.Json;
using Orleans.Inference.Simulator.Requests;

namespace Orleans.Inference.Simulator.Completions;

/// <summary>The body of <c>POST /v1/completions</c>.</summary>
public sealed class CompletionRequest : GenerationRequest
{
    /// <summary>A string, or an array of strings: one batch, one choice per prompt (<c>index</c> = prompt index).</summary>
    public StringOrArray? Prompt { get; init; }
}
