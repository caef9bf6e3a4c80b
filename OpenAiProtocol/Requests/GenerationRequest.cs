using Orleans.Inference.OpenAiProtocol.Json;

namespace Orleans.Inference.OpenAiProtocol.Requests;

/// <summary>The fields OpenAI's completion and chat completion requests share.</summary>
public abstract class GenerationRequest
{
    /// <summary>The model id, as listed by <c>GET /v1/models</c>.</summary>
    /// <example>sim-small</example>
    public string? Model { get; init; }

    /// <summary>The most tokens to generate (default 16, at most the model's limit).</summary>
    /// <example>16</example>
    public int? MaxTokens { get; init; }

    /// <summary>Sampling temperature, 0 to 2.</summary>
    /// <example>0.7</example>
    public float? Temperature { get; init; }

    /// <summary>Nucleus sampling mass, 0 to 1.</summary>
    /// <example>1</example>
    public float? TopP { get; init; }

    /// <summary>Up to 4 sequences where generation stops; a string or an array.</summary>
    /// <example>["\n"]</example>
    public StringOrArray? Stop { get; init; }

    /// <summary>Seed for reproducible output: the same input and seed give the same text.</summary>
    /// <example>42</example>
    public long? Seed { get; init; }

    /// <summary>Stream tokens as Server-Sent Events as they are produced.</summary>
    /// <example>false</example>
    public bool Stream { get; init; }

    /// <summary>Streaming options; <c>include_usage</c> adds a last chunk with usage.</summary>
    public StreamOptions? StreamOptions { get; init; }

    /// <summary>An id for the end user.</summary>
    /// <example>user-1234</example>
    public string? User { get; init; }

    /// <summary>Choices per prompt; only 1 is supported.</summary>
    /// <example>1</example>
    public int? N { get; init; }
}
