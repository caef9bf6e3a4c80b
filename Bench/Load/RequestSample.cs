namespace Orleans.Inference.Bench.Load;

/// <summary>
/// What one request measured. Times in milliseconds; NaN where it does not apply. <see cref="InWindow"/> is false for a
/// request that completed after the run's end: it counts for latency but not for throughput, or slow runs would
/// count more completions than happened in their duration. <see cref="Gaps"/> holds a stream's inter-chunk gaps.
/// </summary>
internal readonly record struct RequestSample(int Status, double LatencyMs, double TtftMs, float[]? Gaps, int Tokens, bool InWindow = true)
{
    /// <summary>No HTTP status: the connection failed.</summary>
    public const int ConnectionFailed = 0;

    /// <summary>No HTTP status: the client's timeout elapsed.</summary>
    public const int TimedOut = -1;
}
