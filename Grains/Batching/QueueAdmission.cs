namespace Orleans.Inference.Batching;

/// <summary>
/// Whether one more request may wait in a model's queue: not past <see cref="BatchingOptions.MaxQueueLength"/>, and not
/// when the requests already waiting would take longer than <see cref="BatchingOptions.QueueTimeoutMs"/> to drain. Such a
/// request could only expire in the queue (503 after the whole timeout) or run late; refused, it gets 429 at once with
/// a <c>Retry-After</c> that says when the queue will have drained.
/// </summary>
internal sealed class QueueAdmission(BatchingOptions options)
{
    private double _batchSeconds;

    /// <summary>
    /// Sequences a waiting queue loses per second: with requests waiting, batches leave full, so the queue drains
    /// MaxBatchSize per running batch per batch time. 0 until a batch has finished.
    /// </summary>
    public double DrainRate => _batchSeconds > 0 ? options.MaxBatchSize * options.MaxConcurrentBatches / _batchSeconds : 0;

    /// <summary>
    /// A batch finished after <paramref name="took"/>. The batch time is smoothed, and taken whatever the batch's size: the
    /// engine's cost is mostly per step, so a lone request at low load already says how fast a full queue will drain.
    /// </summary>
    public void Observe(TimeSpan took)
    {
        var seconds = Math.Max(took.TotalSeconds, 0.001);
        _batchSeconds = _batchSeconds == 0 ? seconds : 0.8 * _batchSeconds + 0.2 * seconds;
    }

    /// <summary>Null when a request may join <paramref name="waiting"/> others; otherwise why not, for its 429.</summary>
    public string? Refuse(int waiting)
    {
        if (waiting >= options.MaxQueueLength) return $"its limit ({options.MaxQueueLength})";
        if (waiting > 0 && Drain(waiting) > TimeSpan.FromMilliseconds(options.QueueTimeoutMs))
            return $"more than it can serve within its queue timeout ({options.QueueTimeoutMs} ms)";
        return null;
    }

    /// <summary>When <paramref name="waiting"/> requests will have drained, in whole seconds from 1 to 60 (1 before any batch has finished).</summary>
    public TimeSpan RetryAfter(int waiting)
    {
        var seconds = DrainRate > 0 ? Drain(waiting).TotalSeconds : 1;
        return TimeSpan.FromSeconds(Math.Clamp(Math.Ceiling(seconds), 1, 60));
    }

    private TimeSpan Drain(int waiting) => DrainRate > 0 ? TimeSpan.FromSeconds(waiting / DrainRate) : TimeSpan.Zero;
}
