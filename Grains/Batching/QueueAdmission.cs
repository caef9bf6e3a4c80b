namespace Orleans.Inference.Batching;

/// <summary>
/// Whether one more request may wait in a model's queue: not past <see cref="BatchingOptions.MaxQueueLength"/>, and not
/// when the requests already waiting would hold it past <see cref="BatchingOptions.QueueTimeoutMs"/>. Such a request could
/// only expire in the queue (503 after the whole timeout) or run late; refused, it gets 429 at once with a
/// <c>Retry-After</c> that says when the queue will have drained.
/// </summary>
internal sealed class QueueAdmission(BatchingOptions options)
{
    private double _batchSeconds;

    /// <summary>How long a batch takes, smoothed; zero until one has finished.</summary>
    public TimeSpan BatchTime => TimeSpan.FromSeconds(_batchSeconds);

    /// <summary>
    /// A batch finished after <paramref name="took"/>. Taken whatever the batch's size: the engine's cost is mostly per
    /// step, so a lone request at low load already says how long the full batches of a burst will take.
    /// </summary>
    public void Observe(TimeSpan took)
    {
        var seconds = Math.Max(took.TotalSeconds, 0.001);
        _batchSeconds = _batchSeconds == 0 ? seconds : 0.8 * _batchSeconds + 0.2 * seconds;
    }

    /// <summary>
    /// The longest the next request may wait behind <paramref name="waiting"/> others: the batches running now, then a
    /// round of full batches for every MaxBatchSize x MaxConcurrentBatches requests ahead of it. Erring long refuses a
    /// request that might just have made it; erring short would let it expire.
    /// </summary>
    public TimeSpan Wait(int waiting) => BatchTime * (waiting / (options.MaxBatchSize * options.MaxConcurrentBatches) + 1);

    /// <summary>Null when a request may join <paramref name="waiting"/> others; otherwise why not, for its 429.</summary>
    public string? Refuse(int waiting)
    {
        if (waiting >= options.MaxQueueLength) return $"its limit ({options.MaxQueueLength})";
        if (waiting > 0 && _batchSeconds > 0 && Wait(waiting) > TimeSpan.FromMilliseconds(options.QueueTimeoutMs))
            return $"more than it can serve within its queue timeout ({options.QueueTimeoutMs} ms)";
        return null;
    }

    /// <summary>When <paramref name="waiting"/> requests will have drained, in whole seconds from 1 to 60 (1 before any batch has finished).</summary>
    public TimeSpan RetryAfter(int waiting)
    {
        var seconds = _batchSeconds > 0 ? Wait(waiting).TotalSeconds : 1;
        return TimeSpan.FromSeconds(Math.Clamp(Math.Ceiling(seconds), 1, 60));
    }
}
