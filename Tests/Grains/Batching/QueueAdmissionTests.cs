using Orleans.Inference.Batching;

namespace Orleans.Inference.Tests.Grains.Batching;

/// <summary>Who may wait in a model's queue: the length limit, and no more than can leave within the queue timeout.</summary>
public sealed class QueueAdmissionTests
{
    [Fact]
    public void Refuse_BeforeAnyBatchHasFinished_OnlyTheLengthLimitApplies()
    {
        var admission = new QueueAdmission(new BatchingOptions { MaxQueueLength = 3, QueueTimeoutMs = 1 });

        Assert.Null(admission.Refuse(Alone(2), 2));
        Assert.Equal("its limit (3)", admission.Refuse(Alone(3), 3));
        Assert.Equal(TimeSpan.FromSeconds(1), admission.RetryAfter(Alone(3)));
    }

    [Fact]
    public void Refuse_WaitingThatWouldOutlastTheQueueTimeout_IsRefusedBeforeTheLengthLimit()
    {
        var admission = new QueueAdmission(new BatchingOptions { MaxBatchSize = 4, MaxQueueLength = 1000, QueueTimeoutMs = 1000 });

        // A lone request's batch at low load: half a second. Behind the running batch, full batches of four leave in turn.
        admission.Observe(TimeSpan.FromSeconds(0.5));

        Assert.Null(admission.Refuse(Alone(0), 0));
        Assert.Null(admission.Refuse(Alone(7), 7));
        Assert.Contains("queue timeout (1000 ms)", admission.Refuse(Alone(8), 8));
    }

    [Fact]
    public void Wait_CountsEveryConcurrentBatch_AndFollowsTheBatchTimeSmoothly()
    {
        var admission = new QueueAdmission(new BatchingOptions { MaxBatchSize = 8, MaxConcurrentBatches = 2 });
        admission.Observe(TimeSpan.FromSeconds(1));
        Assert.Equal(TimeSpan.FromSeconds(1), admission.Wait(15));
        Assert.Equal(TimeSpan.FromSeconds(2), admission.Wait(16));

        admission.Observe(TimeSpan.FromSeconds(2));

        // One slower batch moves the estimate a fifth of the way: 1.2 s a batch.
        Assert.Equal(TimeSpan.FromSeconds(1.2), admission.BatchTime);
        Assert.Equal(TimeSpan.FromSeconds(2.4), admission.Wait(16));
    }

    [Theory]
    [InlineData(20, 3)]
    [InlineData(1, 1)]
    [InlineData(100_000, 60)]
    public void RetryAfter_IsWhenTheQueueWillHaveDrained_InWholeSecondsFromOneToSixty(int waiting, int seconds)
    {
        var admission = new QueueAdmission(new BatchingOptions { MaxBatchSize = 4 });
        admission.Observe(TimeSpan.FromSeconds(0.5));

        Assert.Equal(TimeSpan.FromSeconds(seconds), admission.RetryAfter(Alone(waiting)));
    }

    [Fact]
    public void Refuse_TenantPastItsShare_IsRefused_WhileATenantUnderItsShareIsAdmittedOverTheWholeLimit()
    {
        var admission = new QueueAdmission(new BatchingOptions { MaxQueueLength = 100, QueueTimeoutMs = 60_000 });

        // A flooder holds the whole queue; a second tenant of equal weight arrives, so each one's share is half.
        Assert.Equal("this tenant's share of its limit (50 of 100)", admission.Refuse(new QueueShare(100, 0.5), 100));
        Assert.Null(admission.Refuse(new QueueShare(0, 0.5), 100));
        Assert.Null(admission.Refuse(new QueueShare(49, 0.5), 149));

        // Past twice the limit in all, nobody more waits, whatever their share.
        Assert.Contains("twice its limit (200)", admission.Refuse(new QueueShare(5, 0.1), 200));
    }

    [Fact]
    public void RetryAfter_ForATenant_IsWhenItsOwnBacklogDrainsAtItsShare()
    {
        var admission = new QueueAdmission(new BatchingOptions { MaxBatchSize = 4, MaxConcurrentBatches = 1 });
        admission.Observe(TimeSpan.FromSeconds(1));

        // 8 waiting at a quarter of the model: 32 places of the whole queue, 8 batches of 4 behind the running one.
        Assert.Equal(TimeSpan.FromSeconds(9), admission.RetryAfter(new QueueShare(8, 0.25)));
        // The same backlog alone drains four times as fast.
        Assert.Equal(TimeSpan.FromSeconds(3), admission.RetryAfter(new QueueShare(8, 1)));
    }

    private static QueueShare Alone(int waiting) => new(waiting, 1);
}
