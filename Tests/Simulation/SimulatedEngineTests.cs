using Microsoft.Extensions.Time.Testing;
using Orleans.Inference.Backends;
using Orleans.Inference.Backends.Simulated;
using Orleans.Inference.Engines;
using Orleans.Inference.Generation;
using Orleans.Inference.Simulation;
using Orleans.Inference.Tests.Infrastructure;

namespace Orleans.Inference.Tests.Simulation;

/// <summary>The cost model, on a fake clock: prefill yields the first token, then one step at a time at StepMs + PerSequenceMs * batch size.</summary>
public sealed class SimulatedEngineTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task RunBatchAsync_PrefillYieldsFirstToken_ThenEachStepChargedForTheWholeBatch()
    {
        var backend = new SimulatedEngine(new SimulationOptions { StepMs = 10, PerSequenceMs = 5, PrefillMsPerToken = 1 }, _time);
        var batch = new[] { Sequence("two words", 2), Sequence("three more words", 3) };

        var run = backend.RunBatchAsync(batch, CancellationToken.None);

        await AdvanceWhenWaitingAsync(backend, 1, TimeSpan.FromMilliseconds(4)); // most of the prefill: 5 prompt tokens at 1 ms
        Assert.All(batch, s => Assert.Equal(0, s.CompletionTokens));
        _time.Advance(TimeSpan.FromMilliseconds(1));
        await HttpJson.EventuallyAsync(() => batch.All(s => s.CompletionTokens == 1), TimeSpan.FromSeconds(5), "prefill yields the first token");

        await AdvanceWhenWaitingAsync(backend, 2, TimeSpan.FromMilliseconds(20)); // first decode step, both (10 + 5 * 2): the first sequence finishes
        await HttpJson.EventuallyAsync(() => batch[0].IsFinished, TimeSpan.FromSeconds(5), "the 2-token sequence finishes");
        await AdvanceWhenWaitingAsync(backend, 3, TimeSpan.FromMilliseconds(14)); // the second decode step costs 10 + 5 * 1
        Assert.False(batch[1].IsFinished);
        _time.Advance(TimeSpan.FromMilliseconds(1));

        await run.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(3, backend.Steps);
        Assert.Equal(new TokenUsage(3, 3), (await batch[1].Result).Usage);
    }

    [Fact]
    public async Task RunBatchAsync_PrefixCache_PrefillChargesOnlyTheTokensPastTheCachedPrefix()
    {
        var backend = new SimulatedEngine(new SimulationOptions { PrefillMsPerToken = 1, PrefixCacheTokens = 1000 }, _time);
        var system = string.Join(' ', Enumerable.Range(0, 32).Select(i => $"rule{i}"));

        var first = backend.RunBatchAsync([Sequence(system + " first question", 1)], CancellationToken.None);
        await AdvanceWhenWaitingAsync(backend, 1, TimeSpan.FromMilliseconds(34)); // all 34 prompt tokens
        await first.WaitAsync(TimeSpan.FromSeconds(5));
        var second = backend.RunBatchAsync([Sequence(system + " second question", 1)], CancellationToken.None);
        await AdvanceWhenWaitingAsync(backend, 2, TimeSpan.FromMilliseconds(2)); // two blocks of 16 cached: 2 tokens to compute
        await second.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(32, backend.CachedPromptTokens);
        Assert.Equal(34 + 2, backend.ComputedPromptTokens);
    }

    [Fact]
    public async Task RunBatchAsync_CancelledSequence_LeavesAtTheNextStepAndTheOthersGoOn()
    {
        var backend = new SimulatedEngine(new SimulationOptions { StepMs = 10 }, _time);
        using var cancel = new CancellationTokenSource();
        var leaving = BatchSequence.ForResult(new InferenceRequest("a", new SamplingParameters(100)), cancel.Token);
        var staying = Sequence("b", 3);

        var run = backend.RunBatchAsync([leaving, staying], CancellationToken.None);
        Assert.Equal(1, staying.CompletionTokens); // free prefill: the first token comes at once
        await cancel.CancelAsync();
        await AdvanceWhenWaitingAsync(backend, 1, TimeSpan.FromMilliseconds(10));
        await AdvanceWhenWaitingAsync(backend, 2, TimeSpan.FromMilliseconds(10));

        await run.WaitAsync(TimeSpan.FromSeconds(5));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => leaving.Result);
        Assert.Equal(1, leaving.CompletionTokens);
        Assert.Equal(FinishReason.Length, (await staying.Result).FinishReason);
    }

    /// <summary>Advances the fake clock only once the engine has set its timer: a barrier, so no advance can slip in before it.</summary>
    private async Task AdvanceWhenWaitingAsync(SimulatedEngine backend, long waits, TimeSpan by)
    {
        await HttpJson.EventuallyAsync(() => backend.Waits >= waits, TimeSpan.FromSeconds(5), $"the engine waits ({waits})");
        _time.Advance(by);
    }

    [Fact]
    public async Task LoadAsync_ReportsProgressAsTimePasses_AndTakesLoadSeconds()
    {
        var backend = new SimulatedEngine(new SimulationOptions { LoadSeconds = 2 }, _time);
        var reports = new List<LoadProgress>();

        var load = backend.LoadAsync(new ProgressCallback<LoadProgress>(reports.Add), CancellationToken.None);
        for (var tick = 0; tick < 19; tick++) _time.Advance(TimeSpan.FromMilliseconds(100));
        await HttpJson.EventuallyAsync(() => reports.Count == 20, TimeSpan.FromSeconds(5), "19 ticks reported");
        Assert.False(load.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(100));

        await load.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(0, reports[0].Percent);
        Assert.Equal(100, reports[^1].Percent);
        Assert.Equal(reports.Select(r => r.Percent).Order(), reports.Select(r => r.Percent));
        Assert.True(reports[0].Remaining > reports[10].Remaining);
    }

    private static BatchSequence Sequence(string prompt, int maxTokens)
    {
        var sequence = BatchSequence.ForResult(new InferenceRequest(prompt, new SamplingParameters(maxTokens)), CancellationToken.None);
        return sequence;
    }
}
