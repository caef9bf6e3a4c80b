namespace Orleans.Inference.Batching;

/// <summary>
/// Whether one more request of a tenant may wait in a model's queue: not past its share of
/// <see cref="BatchingOptions.MaxQueueLength"/>, and not when its own backlog, drained at its share of the model, would hold
/// it past <see cref="BatchingOptions.QueueTimeoutMs"/>. Such a request could only expire in the queue (503 after the whole
/// timeout) or run late; refused, it gets 429 at once with a <c>Retry-After</c> that says when its backlog will have
/// drained. Every tenant under its share is admitted however long the others' backlogs are, up to twice the queue's
/// length in all. A lone tenant's share is the whole queue.
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

    /// <summary>
    /// Null when a request of a tenant with <paramref name="share"/> may join the <paramref name="total"/> waiting; otherwise
    /// why not, for its 429.
    /// </summary>
    public string? Refuse(QueueShare share, int total)
    {
        var limit = Math.Max(1, (int)(options.MaxQueueLength * share.Fraction));
        if (share.Waiting >= limit)
            return share.Fraction >= 1 ? $"its limit ({options.MaxQueueLength})" : $"this tenant's share of its limit ({limit} of {options.MaxQueueLength})";
        if (total >= 2 * options.MaxQueueLength) return $"twice its limit ({2 * options.MaxQueueLength}) with every tenant's share";
        if (share.Waiting > 0 && _batchSeconds > 0 && Wait(share.Position) > TimeSpan.FromMilliseconds(options.QueueTimeoutMs))
            return $"more than it can serve this tenant within its queue timeout ({options.QueueTimeoutMs} ms)";
        return null;
    }

    /// <summary>When a tenant's backlog will have drained, in whole seconds from 1 to 60 (1 before any batch has finished).</summary>
    public TimeSpan RetryAfter(QueueShare share)
    {
        var seconds = _batchSeconds > 0 ? Wait(share.Position).TotalSeconds : 1;
        return TimeSpan.FromSeconds(Math.Clamp(Math.Ceiling(seconds), 1, 60));
    }
}
