namespace Orleans.Inference.ApiHost.Auth;

/// <summary>
/// Per-key limits on <c>/v1/*</c> (section <c>Auth:RateLimits</c>): each key has its own token bucket and its own count
/// of requests in progress. Both are off by default; a key's own settings replace these.
/// </summary>
public sealed class RateLimitOptions
{
    /// <summary>Sustained requests per second per key (fractions allowed: 0.5 is one every two seconds); 0 for no limit.</summary>
    public double RequestsPerSecond { get; set; }

    /// <summary>Requests a key may send at once before the rate applies (the bucket's size); 0 for one second's worth, at least 1.</summary>
    public int Burst { get; set; }

    /// <summary>Requests per key in progress at once, a stream counting until its last event; 0 for no limit.</summary>
    public int ConcurrentRequests { get; set; }
}
