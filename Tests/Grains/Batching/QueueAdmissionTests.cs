using Orleans.Inference.Batching;

namespace Orleans.Inference.Tests.Grains.Batching;

/// <summary>Who may wait in a model's queue: the length limit, and no more than can leave within the queue timeout.</summary>
public sealed class QueueAdmissionTests
{
    [Fact]
    public void Refuse_BeforeAnyBatchHasFinished_OnlyTheLengthLimitApplies()
    {
        var admission = new QueueAdmission(new BatchingOptions { MaxQueueLength = 3, QueueTimeoutMs = 1 });

        Assert.Null(admission.Refuse(2));
        Assert.Equal("its limit (3)", admission.Refuse(3));
        Assert.Equal(TimeSpan.FromSeconds(1), admission.RetryAfter(3));
    }

    [Fact]
    public void Refuse_WaitingThatWouldOutlastTheQueueTimeout_IsRefusedBeforeTheLengthLimit()
    {
        var admission = new QueueAdmission(new BatchingOptions { MaxBatchSize = 4, MaxQueueLength = 1000, QueueTimeoutMs = 1000 });

        // A lone request's batch at low load: half a second. Behind the running batch, full batches of four leave in turn.
        admission.Observe(TimeSpan.FromSeconds(0.5));

        Assert.Null(admission.Refuse(0));
        Assert.Null(admission.Refuse(7));
        Assert.Contains("queue timeout (1000 ms)", admission.Refuse(8));
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

        Assert.Equal(TimeSpan.FromSeconds(seconds), admission.RetryAfter(waiting));
    }
}
