namespace Orleans.Inference.ApiHost.Dashboard;

/// <summary>
/// One second of one model's traffic. Metric callbacks write it from any thread with interlocked operations only: no lock
/// and, for a second without requests, no latency array either.
/// </summary>
internal sealed class SecondBucket(int queueLength)
{
    private long _requests;
    private long _batches;
    private long _batchedRequests;
    private int _queuePeak = queueLength;
    private double _slowest;
    private int[]? _latencies;

    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>The longest the queue was in this second: a queue that fills and drains within a second still shows.</summary>
    public int QueuePeak => Volatile.Read(ref _queuePeak);

    public double? MeanBatchSize => Interlocked.Read(ref _batches) is var batches and > 0
        ? (double)Interlocked.Read(ref _batchedRequests) / batches
        : null;

    public void Completed(double milliseconds)
    {
        Interlocked.Increment(ref _requests);
        var latencies = Volatile.Read(ref _latencies) ?? Latencies();
        Interlocked.Increment(ref latencies[LatencyBuckets.Index(milliseconds)]);
        RaiseTo(ref _slowest, milliseconds);
    }

    public void Batch(int size)
    {
        Interlocked.Increment(ref _batches);
        Interlocked.Add(ref _batchedRequests, size);
    }

    public void Queue(int length) => RaiseTo(ref _queuePeak, length);

    /// <summary>The latency below which <paramref name="quantile"/> of the second's requests finished; never above the slowest.</summary>
    public double? Percentile(double quantile)
    {
        if (Volatile.Read(ref _latencies) is not { } latencies) return null;
        long total = 0;
        foreach (var count in latencies) total += count;
        if (total == 0) return null;

        var rank = (long)Math.Ceiling(quantile * total);
        long seen = 0;
        for (var i = 0; i < latencies.Length; i++)
        {
            seen += latencies[i];
            if (seen >= rank) return Math.Min(LatencyBuckets.UpperBound(i), Volatile.Read(ref _slowest));
        }

        return Volatile.Read(ref _slowest);
    }

    private static void RaiseTo(ref int slot, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref slot)) && Interlocked.CompareExchange(ref slot, value, current) != current)
        {
        }
    }

    private static void RaiseTo(ref double slot, double value)
    {
        double current;
        while (value > (current = Volatile.Read(ref slot)) && Interlocked.CompareExchange(ref slot, value, current) != current)
        {
        }
    }

    private int[] Latencies()
    {
        Interlocked.CompareExchange(ref _latencies, new int[LatencyBuckets.Count], null);
        return Volatile.Read(ref _latencies)!;
    }
}
