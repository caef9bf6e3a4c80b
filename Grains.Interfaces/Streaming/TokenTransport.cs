namespace Orleans.Inference.Streaming;

/// <summary>How tokens travel from a model's batch grain to the host that serves the HTTP request.</summary>
public enum TokenTransport
{
    /// <summary>A grain method returning <see cref="IAsyncEnumerable{T}"/>: pulled by the caller, microseconds when co-hosted.</summary>
    GrainCall,

    /// <summary>An Orleans stream per request (memory streams), subscribed by the host: a pulling agent delivers each batch of tokens.</summary>
    OrleansStreams,
}
