namespace Orleans.Inference.Simulator.Requests;

/// <summary>Options of a streamed response, with vLLM's extension.</summary>
public sealed class StreamOptions
{
    /// <summary>Send a last chunk with <c>choices: []</c> and the request's summed usage, before <c>[DONE]</c>.</summary>
    public bool IncludeUsage { get; init; }

    /// <summary>vLLM's: every chunk carries the usage of its own choice so far.</summary>
    public bool ContinuousUsageStats { get; init; }
}
