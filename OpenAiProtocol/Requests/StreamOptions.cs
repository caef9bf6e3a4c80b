namespace Orleans.Inference.OpenAiProtocol.Requests;

/// <summary>Options of a streamed response.</summary>
public sealed class StreamOptions
{
    /// <summary>Send a last chunk with <c>choices: []</c> and the request's usage.</summary>
    /// <example>true</example>
    public bool IncludeUsage { get; init; }

    /// <summary>
    /// vLLM's extension: every chunk carries its own choice's usage so far. The Simulator honours it, as vLLM does; the gateway
    /// asks its backends for it and ignores it from clients (its streams carry usage on the last chunk).
    /// </summary>
    /// <example>false</example>
    public bool ContinuousUsageStats { get; init; }
}
