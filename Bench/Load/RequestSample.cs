namespace Orleans.Inference.Bench.Load;

/// <summary>What one request measured. Times in milliseconds; NaN where it does not apply.</summary>
internal readonly record struct RequestSample(int Status, double LatencyMs, double TtftMs, double MaxItlMs, int Tokens)
{
    /// <summary>No HTTP status: the connection failed.</summary>
    public const int ConnectionFailed = 0;

    /// <summary>No HTTP status: the client's timeout elapsed.</summary>
    public const int TimedOut = -1;
}
