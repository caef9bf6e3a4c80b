namespace Orleans.Inference.Backends;

/// <summary>How a model of kind <see cref="BackendKind.OpenAI"/> is served: which endpoint, under which name, batched how.</summary>
[GenerateSerializer, Alias("backends.openai-model-options")]
public sealed class OpenAIModelOptions
{
    /// <summary>The backend endpoint (section <c>Inference:Backends:{name}</c>) whose replicas serve the model.</summary>
    [Id(0)]
    public string? Endpoint { get; set; }

    /// <summary>The model's name on the backend (vLLM's served model name, Ollama's tag); the gateway's model id when null.</summary>
    [Id(1)]
    public string? Model { get; set; }

    /// <summary>
    /// Send a batch of compatible completion requests as one <c>/v1/completions</c> request with <c>prompt</c> as an array
    /// (vLLM does this well). Off: every sequence is its own request over the pool. Chat requests are never arrays.
    /// </summary>
    [Id(2)]
    public bool ArrayBatching { get; set; } = true;

    /// <summary>
    /// Ask for vLLM's <c>stream_options.continuous_usage_stats</c>, which gives exact token counts per choice in every chunk.
    /// Turn it off for a server that rejects unknown fields; token counts are then one per chunk.
    /// </summary>
    [Id(3)]
    public bool ContinuousUsageStats { get; set; } = true;

    /// <summary>Send a one-token completion to each replica when the model loads, so the first real request is not the slow one.</summary>
    [Id(4)]
    public bool WarmUp { get; set; }
}
