namespace Orleans.Inference.OpenAiProtocol.Reading;

/// <summary>
/// Token counts as a server sent them: of the whole request, or (vLLM's continuous usage stats) of one choice so far. Settable
/// properties rather than a positional record: the reader fills them without an argument buffer per chunk.
/// </summary>
public sealed class ResponseUsage
{
    public int PromptTokens { get; set; }

    public int CompletionTokens { get; set; }
}
