using Orleans.Inference.Engines;

namespace Orleans.Inference.Batching;

/// <summary>
/// Decides when a forming batch leaves and what goes in it. Pure policy on timestamps, driven by its grain on every
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
    private readonly List<Waiting> _queue = [];
    private long _freedAt;
    private int _expectedBack = 1;

    public int Count => _queue.Count;

    public void Enqueue(BatchSequence sequence) => _queue.Add(new Waiting(sequence, time.GetTimestamp()));

    /// <summary>Empties the queue, for a drain that has timed out.</summary>
    public List<BatchSequence> RemoveAll()
    {
        var all = _queue.Select(waiting => waiting.Sequence).ToList();
        _queue.Clear();
        return all;
    }

    /// <summary>Removes (and finishes) sequences whose callers have gone; returns how many.</summary>
    public int RemoveCancelled()
    {
        return _queue.RemoveAll(waiting =>
        {
            if (!waiting.Sequence.IsCancellationRequested && !waiting.Sequence.IsFinished) return false;
            waiting.Sequence.Finish(Generation.FinishReason.Cancelled);
            return true;
        });
    }

    /// <summary>Removes the sequences that have waited past the queue timeout, for the caller to fail.</summary>
    public List<(BatchSequence Sequence, TimeSpan Waited)> RemoveExpired()
    {
        var expired = new List<(BatchSequence, TimeSpan)>();
        var timeout = TimeSpan.FromMilliseconds(options.QueueTimeoutMs);
        _queue.RemoveAll(waiting =>
        {
            var waited = time.GetElapsedTime(waiting.EnqueuedAt);
            if (waited < timeout) return false;
            expired.Add((waiting.Sequence, waited));
            return true;
        });
        return expired;
    }

    /// <summary>The next batch if one should leave now, given how many batches are running; otherwise null.</summary>
    public List<BatchSequence>? TryTake(int running)
    {
        if (_queue.Count == 0 || running >= options.MaxConcurrentBatches) return null;
        var full = _queue.Count >= options.MaxBatchSize;
        var ready = options.Policy switch
        {
            // Adaptive, idle backend: go as soon as the callers of the batch that just finished are back (a lone caller at
            // once), or when the window since the backend freed up expires. Measuring the window from the queue alone would
            // send requests that waited out a busy backend without the callers returning a moment later, and two groups of
            // callers would alternate in half-size batches for ever.
            BatchPolicy.Adaptive when running == 0 => full || _queue.Count >= _expectedBack || time.GetElapsedTime(FormingSince) >= Window,
            // Requests the backend sends one by one anyway (chat, completions without array batching) gain nothing from a
            // window: early finishers of a running batch came back to wait up to 14 ms (the window on the 4 ms timer grid).
            BatchPolicy.Adaptive when runsAlone?.Invoke(_queue[0].Sequence) == true => true,
            _ => full || time.GetElapsedTime(_queue[0].EnqueuedAt) >= Window,
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
        var waited = time.GetElapsedTime(options.Policy == BatchPolicy.Adaptive ? FormingSince : _queue[0].EnqueuedAt);
        var untilWindow = Window - waited;
        var untilDeadline = TimeSpan.FromMilliseconds(options.QueueTimeoutMs) - waited;
        var next = untilWindow > TimeSpan.Zero ? TimeSpan.FromTicks(Math.Min(untilWindow.Ticks, untilDeadline.Ticks)) : untilDeadline;
        return next > TimeSpan.Zero ? next : TimeSpan.Zero;
    }

    /// <summary>How many requests an idle backend waits for under the adaptive policy.</summary>
    public int ExpectedBack => _expectedBack;

    private TimeSpan Window => TimeSpan.FromMilliseconds(options.BatchWindowMs);

    /// <summary>When the forming batch began: its first request, or the backend freeing up if that was later.</summary>
    private long FormingSince => Math.Max(_queue[0].EnqueuedAt, _freedAt);

    /// <summary>Takes up to MaxBatchSize sequences that can share a batch with the oldest one, in queue order.</summary>
    private List<BatchSequence> Take()
    {
        var key = compatibilityKey(_queue[0].Sequence);
        var batch = new List<BatchSequence>(Math.Min(_queue.Count, options.MaxBatchSize));
        var kept = 0;
        for (var i = 0; i < _queue.Count; i++)
        {
            var waiting = _queue[i];
            if (batch.Count < options.MaxBatchSize && Equals(compatibilityKey(waiting.Sequence), key))
            {
                waiting.Sequence.QueueWait = time.GetElapsedTime(waiting.EnqueuedAt);
                batch.Add(waiting.Sequence);
            }
            else
            {
                _queue[kept++] = waiting;
            }
        }

        _queue.RemoveRange(kept, _queue.Count - kept);
        return batch;
    }

    private readonly record struct Waiting(BatchSequence Sequence, long EnqueuedAt);
}
