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

    /// <summary>The connection pool of each replica.</summary>
    public BackendPoolOptions Pool { get; set; } = new();

    /// <summary>Timeouts, retries and the circuit breaker.</summary>
    public BackendResilienceOptions Resilience { get; set; } = new();
}
