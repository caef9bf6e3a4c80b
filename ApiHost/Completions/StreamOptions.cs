namespace Orleans.Inference.ApiHost.Completions;

/// <summary>Options of a streamed response.</summary>
public sealed class StreamOptions
{
    /// <summary>Send a last chunk with <c>choices: []</c> and the request's usage.</summary>
    /// <example>true</example>
    public bool IncludeUsage { get; init; }
}
