using Orleans.Inference.ApiHost.Json;

namespace Orleans.Inference.Simulator.Requests;

/// <summary>The fields completion and chat completion requests share, as OpenAI (and vLLM) define them.</summary>
public abstract class GenerationRequest
{
    /// <summary>The model id, as listed by <c>GET /v1/models</c>.</summary>
    public string? Model { get; init; }

    /// <summary>The most tokens to generate; 16 when left out.</summary>
    public int? MaxTokens { get; init; }

    /// <summary>Sampling temperature, 0 to 2; checked, and otherwise ignored by the simulation.</summary>
    public float? Temperature { get; init; }

    /// <summary>Nucleus sampling mass, 0 to 1; checked, and otherwise ignored by the simulation.</summary>
    public float? TopP { get; init; }

    /// <summary>Up to 4 sequences where generation stops; a string or an array.</summary>
    public StringOrArray? Stop { get; init; }

    /// <summary>Seed of the pseudo-text: the same prompt and seed give the same text.</summary>
    public long? Seed { get; init; }

    /// <summary>Stream chunks as Server-Sent Events as the engine produces them.</summary>
    public bool Stream { get; init; }

    /// <summary>Options of a streamed response.</summary>
    public StreamOptions? StreamOptions { get; init; }

    /// <summary>Choices per prompt; only 1 is supported.</summary>
    public int? N { get; init; }

    /// <summary>An id for the end user; accepted and ignored.</summary>
    public string? User { get; init; }
}
