namespace Orleans.Inference.Streaming;

/// <summary>How tokens travel from a model's batch grain to the host that serves the HTTP request.</summary>
public enum TokenTransport
{
    /// <summary>A grain method returning <see cref="IAsyncEnumerable{T}"/>: pulled by the caller, microseconds when co-hosted.</summary>
    GrainCall,

    /// <summary>Orleans memory streams that each host subscribes to once, requests told apart by id: a pulling agent delivers the tokens.</summary>
    OrleansStreams,
}
