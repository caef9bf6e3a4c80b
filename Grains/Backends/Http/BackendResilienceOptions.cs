namespace Orleans.Inference.Backends.Http;

/// <summary>
/// Timeouts, retries and the per-replica circuit breaker (Microsoft.Extensions.Http.Resilience / Polly). Retries happen only
/// before the backend's response has begun, so never after a token has reached a caller.
/// </summary>
public sealed class BackendResilienceOptions
{
    /// <summary>How long one attempt may take until the backend's response begins (for a non-streamed request: the whole answer); past it, 504.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How long a streamed answer may go without an event once it has begun; past it the request is dropped and its callers
    /// get 504, so a backend that hangs mid-stream cannot hold them.
    /// </summary>
    public TimeSpan StreamIdleTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Attempts after the first, each on the best healthy replica, for connection failures, timeouts, 5xx, 408 and 429.</summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>The first retry's delay; later ones back off exponentially, with jitter.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>A backend's <c>Retry-After</c> is honoured up to this long; a longer one goes back to the caller as 429/503 with it.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>A replica whose failures reach this share of its requests (within <see cref="SamplingDuration"/>) is taken out.</summary>
    public double FailureRatio { get; set; } = 0.5;

    /// <summary>Requests a replica must have seen within <see cref="SamplingDuration"/> before its circuit may open.</summary>
    public int MinimumThroughput { get; set; } = 4;

    /// <summary>The window the failure ratio is measured over.</summary>
    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a failing replica stays out before one request probes it back in.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(5);
}
