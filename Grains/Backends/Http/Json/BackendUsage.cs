namespace Orleans.Inference.Backends.Http.Json;

/// <summary>Token counts: of the whole request, or (vLLM's continuous usage stats) of one choice so far.</summary>
internal sealed class BackendUsage
{
    public int PromptTokens { get; set; }

    public int CompletionTokens { get; set; }
}
