using System.Text.Json;

namespace Orleans.Inference.OpenAiProtocol.Reading;

/// <summary>
/// A server's answer as a client reads it, whole or one streamed chunk, completions and chat alike: only the fields a client
/// needs. Unknown fields are ignored, so vLLM, llama.cpp, Ollama and TGI all fit.
/// </summary>
public sealed class ResponseChunk
{
    public List<ResponseChoice>? Choices { get; set; }

    /// <summary>Of the whole request; with vLLM's continuous usage stats, of the chunk's choice so far.</summary>
    public ResponseUsage? Usage { get; set; }

    /// <summary>An error event mid-stream: OpenAI's error object, or a bare string on some servers.</summary>
    public JsonElement? Error { get; set; }
}
