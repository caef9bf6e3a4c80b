namespace Orleans.Inference.Backends.Http;

/// <summary>
/// One OpenAI-compatible inference service (section <c>Inference:Backends:{name}</c>): its replicas, key, connection pool
/// and resilience. Models name it in <see cref="OpenAIModelOptions.Endpoint"/>; several models may share one.
/// </summary>
public sealed class BackendEndpointOptions
{
    /// <summary>Base URLs of the replicas, e.g. <c>http://10.0.0.5:8000</c> (the <c>/v1/...</c> paths are added).</summary>
    public List<string> Replicas { get; set; } = [];

    /// <summary>Sent as <c>Authorization: Bearer</c> when set; never logged.</summary>
    public string? ApiKey { get; set; }

    /// <summary>How a request (or an array batch) picks its replica.</summary>
    public ReplicaSelection Selection { get; set; } = ReplicaSelection.PowerOfTwoChoices;

    /// <summary>
    /// <see cref="ReplicaSelection.PrefixAffinity"/>: characters per prompt block (about a quarter as many tokens). Prompts
    /// that share their first k blocks share a prefix; shorter blocks match finer, and cost more hashing per request.
    /// </summary>
    public int PrefixBlockChars { get; set; } = 256;

    /// <summary><see cref="ReplicaSelection.PrefixAffinity"/>: block hashes remembered (an LRU, about 100 bytes each).</summary>
    public int PrefixCacheEntries { get; set; } = 65_536;

    /// <summary>
    /// <see cref="ReplicaSelection.PrefixAffinity"/>: how far past the mean load (requests in flight, this one counted) the
    /// preferred replica may be before the least loaded is taken instead: 0.25 allows 1.25 times the mean.
    /// </summary>
    public double PrefixLoadEpsilon { get; set; } = 0.25;

    /// <summary>
    /// <see cref="ReplicaSelection.PrefixAffinity"/> with array batching: whether an array batch whose prompts prefer
    /// different replicas is split by replica or sent whole where most of them prefer.
    /// </summary>
    public PrefixArrayRouting PrefixArrays { get; set; } = PrefixArrayRouting.Split;

    /// <summary>The connection pool of each replica.</summary>
    public BackendPoolOptions Pool { get; set; } = new();

    /// <summary>Timeouts, retries and the circuit breaker.</summary>
    public BackendResilienceOptions Resilience { get; set; } = new();
}
