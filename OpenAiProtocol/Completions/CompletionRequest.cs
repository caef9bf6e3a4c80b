using Orleans.Inference.OpenAiProtocol.Json;
using Orleans.Inference.OpenAiProtocol.Requests;

namespace Orleans.Inference.OpenAiProtocol.Completions;

/// <summary>The body of <c>POST /v1/completions</c>, as OpenAI defines it.</summary>
public sealed class CompletionRequest : GenerationRequest
{
    /// <summary>The prompt: a string, or an array of strings (one choice per prompt, <c>index</c> = prompt index).</summary>
    /// <example>Once upon a time</example>
    public StringOrArray? Prompt { get; init; }
}
