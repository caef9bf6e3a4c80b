using Orleans.Inference.Engines;
using Orleans.Inference.Generation;

namespace Orleans.Inference.Batching;

/// <summary>
/// Decides when a forming batch leaves and what goes in it (tenants' fair shares, by <see cref="FairQueue"/>). Pure policy on timestamps, driven by its grain on every
/// submit, every batch completion and a wake-up timer, so that no decision waits on a timer alone.
/// </summary>
/// <param name="options">The model's batching options.</param>
/// <param name="time">The inference clock.</param>
/// <param name="compatibilityKey">Sequences with equal keys may share a batch.</param>
/// <param name="runsAlone">
/// True for a request the backend sends on its own however it is batched (see <c>IInferenceBackend.RunsAlone</c>): waiting
/// to fill a batch gains it nothing, so under the adaptive policy it leaves as soon as a batch slot is free.
/// </param>
internal sealed class BatchScheduler(
    BatchingOptions options, TimeProvider time, Func<BatchSequence, object?> compatibilityKey, Func<BatchSequence, bool>? runsAlone = null)
{
    private readonly FairQueue _queue = new(time);
    private long _freedAt;
    private int _expectedBack = 1;

    public int Count => _queue.Count;

    /// <summary>Sequences <paramref name="tenant"/> has waiting, and its share of the queue if one more of its own joined.</summary>
    public QueueShare ShareOf(Tenant tenant) =>
        new(_queue.CountOf(tenant), (double)tenant.Weight / (_queue.ActiveWeight + (_queue.IsActive(tenant) ? 0 : tenant.Weight)));

    public void Enqueue(BatchSequence sequence) => _queue.Enqueue(new QueuedSequence(sequence, time.GetTimestamp()));

    /// <summary>Empties the queue, for a drain that has timed out.</summary>
    public List<BatchSequence> RemoveAll() => _queue.RemoveWhere(_ => true).ConvertAll(waiting => waiting.Sequence);

    /// <summary>Removes (and finishes) sequences whose callers have gone; returns how many.</summary>
    public int RemoveCancelled()
    {
        var removed = _queue.RemoveWhere(waiting => waiting.Sequence.IsCancellationRequested || waiting.Sequence.IsFinished);
        foreach (var waiting in removed) waiting.Sequence.Finish(Generation.FinishReason.Cancelled);
        return removed.Count;
    }

    /// <summary>Removes the sequences that have waited past the queue timeout, for the caller to fail.</summary>
    public IReadOnlyList<(BatchSequence Sequence, TimeSpan Waited)> RemoveExpired()
    {
        var timeout = TimeSpan.FromMilliseconds(options.QueueTimeoutMs);
        // Nothing has expired unless the longest-waiting one has: most dispatches look no further.
        if (_queue.Count == 0 || time.GetElapsedTime(_queue.Oldest().EnqueuedAt) < timeout) return [];
        var now = time.GetTimestamp();
        return _queue.RemoveWhere(waiting => time.GetElapsedTime(waiting.EnqueuedAt, now) >= timeout)
            .ConvertAll(waiting => (waiting.Sequence, time.GetElapsedTime(waiting.EnqueuedAt, now)));
    }

    /// <summary>
    /// Set while the model drains (unload or shutdown): what waits leaves as soon as a batch may run, with no window.
    /// </summary>
    public bool Draining { get; set; }

    /// <summary>The next batch if one should leave now, given how many batches are running; otherwise null.</summary>
    public List<BatchSequence>? TryTake(int running)
    {
        if (_queue.Count == 0 || running >= options.MaxConcurrentBatches) return null;
        var full = _queue.Count >= options.MaxBatchSize || Draining;
        var ready = options.Policy switch
        {
            // Adaptive, idle backend: go as soon as the callers of the batch that just finished are back (a lone caller at
            // once), or when the window since the backend freed up expires. Measuring the window from the queue alone would
            // send requests that waited out a busy backend without the callers returning a moment later, and two groups of
            // callers would alternate in half-size batches for ever.
            BatchPolicy.Adaptive when running == 0 => full || _queue.Count >= _expectedBack || time.GetElapsedTime(FormingSince) >= Window,
            // Requests the backend sends one by one anyway (chat, completions without array batching) gain nothing from a
            // window: early finishers of a running batch came back to wait up to 14 ms (the window on the 4 ms timer grid).
            BatchPolicy.Adaptive when runsAlone?.Invoke(_queue.Next().Sequence) == true => true,
            _ => full || time.GetElapsedTime(_queue.Oldest().EnqueuedAt) >= Window,
        };
        return ready ? Take() : null;
    }

    /// <summary>A batch has finished: the backend is free, and its callers are expected back with their next requests.</summary>
    public void Completed(int batchSize)
    {
        _freedAt = time.GetTimestamp();
        _expectedBack = Math.Clamp(batchSize + _queue.Count, 1, options.MaxBatchSize);
    }

    /// <summary>How long until a decision may change without a submit or a completion: the window or a deadline.</summary>
    public TimeSpan? NextWake()
    {
        if (_queue.Count == 0) return null;
        var waited = time.GetElapsedTime(options.Policy == BatchPolicy.Adaptive ? FormingSince : _queue.Oldest().EnqueuedAt);
        var untilWindow = Window - waited;
        var untilDeadline = TimeSpan.FromMilliseconds(options.QueueTimeoutMs) - waited;
        var next = untilWindow > TimeSpan.Zero ? TimeSpan.FromTicks(Math.Min(untilWindow.Ticks, untilDeadline.Ticks)) : untilDeadline;
        return next > TimeSpan.Zero ? next : TimeSpan.Zero;
    }

    /// <summary>How many requests an idle backend waits for under the adaptive policy.</summary>
    public int ExpectedBack => _expectedBack;

    private TimeSpan Window => TimeSpan.FromMilliseconds(options.BatchWindowMs);

    /// <summary>When the forming batch began: its first request, or the backend freeing up if that was later.</summary>
    private long FormingSince => Math.Max(_queue.Oldest().EnqueuedAt, _freedAt);

    /// <summary>Takes up to MaxBatchSize sequences that can share a batch, tenants taking turns by weight (<see cref="FairQueue"/>).</summary>
    private List<BatchSequence> Take() => _queue.Take(options.MaxBatchSize, compatibilityKey);
}
