using Microsoft.Extensions.Time.Testing;
using Orleans.Inference.Batching;
using Orleans.Inference.Engines;
using Orleans.Inference.Generation;

namespace Orleans.Inference.Tests.Grains.Batching;

/// <summary>When batches leave and what goes in them, on a fake clock.</summary>
public sealed class BatchSchedulerTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void TryTake_Adaptive_IdleBackend_SendsALoneRequestAtOnce()
    {
        var scheduler = Scheduler(new BatchingOptions { BatchWindowMs = 10 });
        scheduler.Enqueue(Sequence());

        Assert.Single(scheduler.TryTake(running: 0)!);
    }

    [Fact]
    public void TryTake_BusyBackend_FormsTheNextBatchAndSendsItOnCompletion()
    {
        var scheduler = Scheduler(new BatchingOptions { MaxBatchSize = 8, BatchWindowMs = 10 });
        for (var i = 0; i < 5; i++) scheduler.Enqueue(Sequence());

        Assert.Null(scheduler.TryTake(running: 1));
        _time.Advance(TimeSpan.FromMilliseconds(50));
        Assert.Null(scheduler.TryTake(running: 1));
        Assert.Equal(5, scheduler.TryTake(running: 0)!.Count);
    }

    [Theory]
    [InlineData(BatchPolicy.Window)]
    [InlineData(BatchPolicy.Adaptive)]
    public void TryTake_Draining_WhatWaitsLeavesOnceABatchMayRun_WithoutItsWindow(BatchPolicy policy)
    {
        var scheduler = Scheduler(new BatchingOptions { Policy = policy, MaxBatchSize = 8, MaxConcurrentBatches = 2, BatchWindowMs = 1000 });
        for (var i = 0; i < 3; i++) scheduler.Enqueue(Sequence());
        Assert.Null(scheduler.TryTake(running: 1));

        scheduler.Draining = true;

        // No time passes: a drain moves on completions alone, not on a timer.
        Assert.Equal(3, scheduler.TryTake(running: 1)!.Count);
        scheduler.Enqueue(Sequence());
        Assert.Null(scheduler.TryTake(running: 2));
        Assert.Single(scheduler.TryTake(running: 1)!);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void TryTake_Adaptive_ABatchRunning_RequestsThatRunAloneLeaveAtOnceOthersWaitTheWindow(bool runsAlone)
    {
        var scheduler = new BatchScheduler(
            new BatchingOptions { MaxBatchSize = 8, MaxConcurrentBatches = 4, BatchWindowMs = 10 }, _time, _ => null, _ => runsAlone);
        scheduler.Enqueue(Sequence());

        var now = scheduler.TryTake(running: 1);
        _time.Advance(TimeSpan.FromMilliseconds(10));
        var afterWindow = runsAlone ? null : scheduler.TryTake(running: 1);

        Assert.Equal(runsAlone, now is not null);
        Assert.Equal(runsAlone, afterWindow is null);
        Assert.Equal(0, scheduler.Count);
    }

    [Fact]
    public void TryTake_RequestsThatRunAlone_StillWaitForAFreeBatchSlot()
    {
        var scheduler = new BatchScheduler(new BatchingOptions { MaxConcurrentBatches = 2 }, _time, _ => null, _ => true);
        scheduler.Enqueue(Sequence());

        Assert.Null(scheduler.TryTake(running: 2));
        Assert.Single(scheduler.TryTake(running: 1)!);
    }

    [Fact]
    public void TryTake_ReachingMaxBatchSize_SendsAFullBatchAndKeepsTheRestInOrder()
    {
        var scheduler = Scheduler(new BatchingOptions { MaxBatchSize = 4, MaxConcurrentBatches = 2, Policy = BatchPolicy.Window, BatchWindowMs = 1000 });
        var sequences = Enumerable.Range(0, 6).Select(_ => Sequence()).ToList();
        foreach (var sequence in sequences) scheduler.Enqueue(sequence);

        var first = scheduler.TryTake(running: 1);
        var second = scheduler.TryTake(running: 1);

        Assert.Equal(sequences[..4], first);
        Assert.Null(second);
        Assert.Equal(2, scheduler.Count);
    }

    [Fact]
    public void TryTake_Window_WaitsTheWindowEvenWhenTheBackendIsIdle()
    {
        var scheduler = Scheduler(new BatchingOptions { Policy = BatchPolicy.Window, BatchWindowMs = 10 });
        scheduler.Enqueue(Sequence());

        Assert.Null(scheduler.TryTake(running: 0));
        Assert.Equal(TimeSpan.FromMilliseconds(10), scheduler.NextWake());
        _time.Advance(TimeSpan.FromMilliseconds(9));
        Assert.Null(scheduler.TryTake(running: 0));
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Single(scheduler.TryTake(running: 0)!);
    }

    [Fact]
    public void TryTake_Adaptive_AfterABatchCompletes_WaitsForItsCallersOrTheWindow()
    {
        var scheduler = Scheduler(new BatchingOptions { MaxBatchSize = 64, BatchWindowMs = 10 });
        for (var i = 0; i < 4; i++) scheduler.Enqueue(Sequence());
        _time.Advance(TimeSpan.FromMilliseconds(100)); // these four waited out a running batch of 12

        scheduler.Completed(batchSize: 12);

        Assert.Equal(16, scheduler.ExpectedBack);
        Assert.Null(scheduler.TryTake(running: 0));
        _time.Advance(TimeSpan.FromMilliseconds(9));
        Assert.Null(scheduler.TryTake(running: 0));
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(4, scheduler.TryTake(running: 0)!.Count);
    }

    [Fact]
    public void TryTake_Adaptive_CallersBack_GoTogetherWithoutWaitingTheWindow()
    {
        var scheduler = Scheduler(new BatchingOptions { MaxBatchSize = 64, BatchWindowMs = 10 });
        for (var i = 0; i < 4; i++) scheduler.Enqueue(Sequence());
        scheduler.Completed(batchSize: 4);

        for (var i = 0; i < 3; i++) scheduler.Enqueue(Sequence());
        Assert.Null(scheduler.TryTake(running: 0));
        scheduler.Enqueue(Sequence());

        Assert.Equal(8, scheduler.TryTake(running: 0)!.Count);
    }

    [Fact]
    public void TryTake_IncompatibleRequests_GoInSeparateBatches()
    {
        var scheduler = new BatchScheduler(new BatchingOptions { MaxBatchSize = 8 }, _time, s => s.Request.Sampling.Temperature);
        var cold = Enumerable.Range(0, 3).Select(_ => Sequence(temperature: 0)).ToList();
        var warm = Enumerable.Range(0, 2).Select(_ => Sequence(temperature: 1)).ToList();
        scheduler.Enqueue(cold[0]);
        scheduler.Enqueue(warm[0]);
        scheduler.Enqueue(cold[1]);
        scheduler.Enqueue(warm[1]);
        scheduler.Enqueue(cold[2]);

        Assert.Equal(cold, scheduler.TryTake(running: 0));
        Assert.Equal(warm, scheduler.TryTake(running: 0));
    }

    [Fact]
    public void RemoveExpired_AfterTheQueueTimeout_TakesOnlyTheOverdue()
    {
        var scheduler = Scheduler(new BatchingOptions { QueueTimeoutMs = 100 });
        var old = Sequence();
        scheduler.Enqueue(old);
        _time.Advance(TimeSpan.FromMilliseconds(60));
        scheduler.Enqueue(Sequence());
        _time.Advance(TimeSpan.FromMilliseconds(40));

        var expired = scheduler.RemoveExpired();

        Assert.Equal(old, Assert.Single(expired).Sequence);
        Assert.Equal(1, scheduler.Count);
        Assert.Equal(TimeSpan.FromMilliseconds(60), scheduler.NextWake());
    }

    private BatchScheduler Scheduler(BatchingOptions options) => new(options, _time, _ => null);

    private static BatchSequence Sequence(float? temperature = null) =>
        BatchSequence.ForResult(new InferenceRequest("p", new SamplingParameters(4, temperature)), CancellationToken.None);
}
