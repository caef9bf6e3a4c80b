using Orleans.Inference.Backends.Simulated;
using Orleans.Inference.Engines;
using Orleans.Inference.Generation;
using Orleans.Inference.Simulation.Text;

namespace Orleans.Inference.Simulation;

/// <summary>
/// A simulated engine that behaves like one accelerator: it runs one batch step at a time and
/// charges the cost model of <see cref="SimulationOptions"/>. It is a simulation, not a model:
/// its text is deterministic pseudo-text. The gateway runs it in process; the Simulator serves it over HTTP.
/// </summary>
public sealed class SimulatedEngine(SimulationOptions options, TimeProvider time)
{
    /// <summary>Tokens of free work small enough to generate on the caller's thread.</summary>
    private const int InlineWorkLimit = 4096;

    private static readonly string[] LoadStages = ["allocating memory", "reading weights", "building kernels", "warming up"];

    private readonly SemaphoreSlim _accelerator = new(1, 1);
    private readonly PromptCache? _prompts = options.PrefixCacheTokens > 0 ? new PromptCache(options.PrefixCacheTokens) : null;
    private long _cachedPromptTokens;
    private long _computedPromptTokens;
    private long _dueTimestamp;
    private long _steps;
    private int _loads;
    private long _waits;

    /// <summary>Forward passes (prefill and decode steps) run so far, for tests and diagnostics.</summary>
    public long Steps => Interlocked.Read(ref _steps);

    /// <summary>Prompt tokens whose prefill the prefix cache saved (<see cref="SimulationOptions.PrefixCacheTokens"/>).</summary>
    public long CachedPromptTokens => Interlocked.Read(ref _cachedPromptTokens);

    /// <summary>Prompt tokens the engine prefilled.</summary>
    public long ComputedPromptTokens => Interlocked.Read(ref _computedPromptTokens);

    /// <summary>Timed waits the engine has begun (counted once the timer is set), so a test can advance a fake clock in step with it.</summary>
    public long Waits => Interlocked.Read(ref _waits);

    /// <summary>Loads the model, taking <see cref="SimulationOptions.LoadSeconds"/>, and fails half way if the options say so.</summary>
    public async Task LoadAsync(IProgress<LoadProgress>? progress, CancellationToken cancellationToken)
    {
        var total = TimeSpan.FromSeconds(options.LoadSeconds);
        var attempt = Interlocked.Increment(ref _loads);
        var fail = options.FailLoad && (options.FailLoadCount == 0 || attempt <= options.FailLoadCount);
        const int Ticks = 20;
        for (var tick = 0; tick < Ticks; tick++)
        {
            var percent = tick * 100 / Ticks;
            if (fail && percent >= 50) throw new InvalidOperationException($"Simulated load failure (FailLoad) at {percent}%, attempt {attempt}.");
            progress?.Report(new LoadProgress(percent, LoadStages[tick * LoadStages.Length / Ticks], total * (1 - percent / 100.0)));
            if (total > TimeSpan.Zero) await Task.Delay(total / Ticks, time, cancellationToken);
        }

        progress?.Report(new LoadProgress(100, "ready", TimeSpan.Zero));
    }

    /// <summary>
    /// Generates every sequence of the batch, writing each one's tokens to it as they are produced and finishing it (or
    /// failing it alone). Returns when every sequence is finished. Sequences are sampled one by one, so any requests can share a batch.
    /// </summary>
    public Task RunBatchAsync(IReadOnlyList<BatchSequence> batch, CancellationToken cancellationToken)
    {
        var states = new SequenceState[batch.Count];
        var promptTokens = 0;
        var cachedTokens = 0;
        for (var i = 0; i < batch.Count; i++)
        {
            states[i] = new SequenceState(batch[i], options);
            var cached = _prompts is null ? 0 : Math.Min(_prompts.Admit(batch[i].Request.Prompt), batch[i].PromptTokens);
            cachedTokens += cached;
            promptTokens += batch[i].PromptTokens - cached;
        }

        Interlocked.Add(ref _cachedPromptTokens, cachedTokens);
        Interlocked.Add(ref _computedPromptTokens, promptTokens);

        if (!options.IsFree) return RunPacedAsync(states, promptTokens, cancellationToken);

        // Free work is pure CPU: a small batch runs inline (a thread hop would cost more than the work);
        // a large one goes to the thread pool so the caller's thread is not held.
        if (WorkOf(batch) <= InlineWorkLimit)
        {
            RunFree(states);
            return Task.CompletedTask;
        }

        return Task.Run(() => RunFree(states), cancellationToken);
    }

    private static long WorkOf(IReadOnlyList<BatchSequence> batch)
    {
        long tokens = 0;
        foreach (var sequence in batch) tokens += sequence.Request.Sampling.MaxTokens;
        return tokens;
    }

    private void RunFree(SequenceState[] states)
    {
        var active = states.Length;
        while (active > 0)
        {
            active = Step(states);
        }
    }

    private async Task RunPacedAsync(SequenceState[] states, int promptTokens, CancellationToken cancellationToken)
    {
        // An idle engine starts its clock afresh; a busy one keeps its deadlines, so late timers are caught up.
        var now = time.GetTimestamp();
        if (Interlocked.Read(ref _dueTimestamp) < now) Interlocked.Exchange(ref _dueTimestamp, now);
        // ConfigureAwait(false): steps run on the thread pool, as on an accelerator, not on the caller's scheduler.
        await ChargeAsync(options.PrefillMsPerToken * promptTokens, cancellationToken).ConfigureAwait(false);

        // Prefill yields each sequence's first token, as in real engines, so time to first token is the prefill's cost.
        var active = Step(states);
        while (active > 0)
        {
            await ChargeAsync(options.StepMs + options.PerSequenceMs * active, cancellationToken).ConfigureAwait(false);
            active = Step(states);
        }
    }

    /// <summary>One forward pass: every unfinished sequence gets one token. Returns how many remain.</summary>
    private int Step(SequenceState[] states)
    {
        Interlocked.Increment(ref _steps);
        var active = 0;
        foreach (var state in states)
        {
            if (!state.Sequence.IsFinished && !state.Advance()) active++;
        }

        return active;
    }

    /// <summary>
    /// Occupies the accelerator for <paramref name="milliseconds"/>. Deadlines accumulate, so timer granularity
    /// (4 ms here) delays single steps but not the engine's throughput: a late step is followed by a shorter wait.
    /// </summary>
    private async Task ChargeAsync(double milliseconds, CancellationToken cancellationToken)
    {
        if (milliseconds <= 0) return;
        await _accelerator.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var due = Interlocked.Add(ref _dueTimestamp, (long)(milliseconds * time.TimestampFrequency / 1000));
            var wait = time.GetElapsedTime(time.GetTimestamp(), due);
            if (wait > TimeSpan.Zero)
            {
                var delay = Task.Delay(wait, time, cancellationToken);
                Interlocked.Increment(ref _waits);
                await delay.ConfigureAwait(false);
            }
        }
        finally
        {
            _accelerator.Release();
        }
    }

    private sealed class SequenceState
    {
        private readonly StopSequenceMatcher? _stops;
        private readonly bool _fails;
        private readonly int _failAfterTokens;
        private SimulatedTextGenerator _text;

        public SequenceState(BatchSequence sequence, SimulationOptions options)
        {
            _fails = options.FailPromptsContaining is { Length: > 0 } marker && sequence.Request.Prompt.Contains(marker, StringComparison.Ordinal);
            _failAfterTokens = options.FailAfterTokens;
            Sequence = sequence;
            var request = sequence.Request;
            sequence.PromptTokens = SimulatedTextGenerator.CountTokens(request.Prompt);
            _text = new SimulatedTextGenerator(request.Prompt, request.Sampling.Seed ?? 0);
            if (request.Sampling.Stop is { Length: > 0 } stops) _stops = new StopSequenceMatcher(stops);
        }

        public BatchSequence Sequence { get; }

        /// <summary>Generates one token. Returns true when the sequence has finished.</summary>
        public bool Advance()
        {
            if (Sequence.IsCancellationRequested)
            {
                Sequence.Finish(FinishReason.Cancelled);
                return true;
            }

            if (_fails && Sequence.CompletionTokens >= _failAfterTokens)
            {
                Sequence.Fail(new BackendException("Simulated sequence failure (FailPromptsContaining)."));
                return true;
            }

            var token = _text.Next();
            var atLimit = Sequence.CompletionTokens + 1 >= Sequence.Request.Sampling.MaxTokens;
            if (_stops is null)
            {
                Sequence.Append(token, 1);
                if (atLimit) Sequence.Finish(FinishReason.Length);
                return atLimit;
            }

            var (release, stopped) = _stops.Add(token);
            Sequence.Append(release, 1);
            if (stopped)
            {
                Sequence.Finish(FinishReason.Stop);
                return true;
            }

            if (!atLimit) return false;
            Sequence.Append(_stops.Flush(), 0);
            Sequence.Finish(FinishReason.Length);
            return true;
        }
    }
}
