using System.Text.Json;

namespace Orleans.Inference.Backends.Http.Json;

/// <summary>
/// A backend's answer, whole or one streamed chunk, completions and chat alike: only the fields the gateway reads.
/// Unknown fields are ignored, so vLLM, llama.cpp, Ollama and TGI all fit.
/// </summary>
internal sealed class BackendChunk
{
    public List<BackendChoice>? Choices { get; set; }

    public BackendUsage? Usage { get; set; }

    /// <summary>An error event mid-stream: OpenAI's error object, or a bare string on some servers.</summary>
    public JsonElement? Error { get; set; }
}
