namespace Orleans.Inference.Backends;

/// <summary>The kinds of inference backend a model can run on.</summary>
[GenerateSerializer, Alias("backends.kind")]
public enum BackendKind
{
    /// <summary>The in-process simulated engine: no real model, deterministic pseudo-text.</summary>
    Simulated = 0,

    /// <summary>
    /// An inference server that speaks the OpenAI HTTP API (vLLM, llama.cpp's server, Ollama, TGI, the Simulator),
    /// reached over pooled connections through the endpoint named in <see cref="OpenAIModelOptions.Endpoint"/>.
    /// </summary>
    OpenAI = 1,
}
