using Microsoft.Extensions.Time.Testing;
using Orleans.Inference.Batching;
using Orleans.Inference.Engines;
using Orleans.Inference.Generation;

namespace Orleans.Inference.Tests.Grains.Batching;

/// <summary>How a model's queue shares batches among tenants: weights, priorities, a flooder, a lone tenant.</summary>
public sealed class FairQueueTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly FairQueue _queue;

    public FairQueueTests() => _queue = new FairQueue(_time);

    [Fact]
    public void Take_LoneTenant_IsFirstComeFirstServed_InWholeBatches()
    {
        var sent = Enqueue(new Tenant("a"), 10);

        var first = Take(4);
        var second = Take(8);

        Assert.Equal(sent[..4], first);
        Assert.Equal(sent[4..], second);
        Assert.Equal(0, _queue.Count);
    }

    [Fact]
    public void Take_FloodingTenant_DoesNotHoldBackAnotherThatArrivesLater()
    {
        Enqueue(new Tenant("flood"), 1000);
        var late = Enqueue(new Tenant("light"), 2);

        var batch = Take(8);

        // Turns alternate: the late tenant's two requests go in the very next batch, not after a thousand others.
        Assert.Equal(late, batch.Where(sequence => sequence.Request.Tenant!.Name == "light"));
        Assert.Equal(8, batch.Count);
    }

    [Fact]
    public void Take_WeightsThreeAndOne_BothBacklogged_SplitEveryBatchThreeToOne()
    {
        Enqueue(new Tenant("heavy", Weight: 3), 1000);
        Enqueue(new Tenant("light", Weight: 1), 1000);

        var taken = Enumerable.Range(0, 50).SelectMany(_ => Take(10)).ToList();

        Assert.Equal(375, taken.Count(sequence => sequence.Request.Tenant!.Name == "heavy"));
        Assert.Equal(125, taken.Count(sequence => sequence.Request.Tenant!.Name == "light"));
    }

    [Fact]
    public void Take_TurnCutShortByAFullBatch_ContinuesInTheNextBatch()
    {
        Enqueue(new Tenant("heavy", Weight: 5), 100);
        Enqueue(new Tenant("light"), 100);

        // Batches of two: heavy's turn of five spans three batches, then light gets one.
        var names = Enumerable.Range(0, 6).SelectMany(_ => Take(2)).Select(sequence => sequence.Request.Tenant!.Name);

        Assert.Equal(["heavy", "heavy", "heavy", "heavy", "heavy", "light", "heavy", "heavy", "heavy", "heavy", "heavy", "light"], names);
    }

    [Fact]
    public void Take_PriorityClasses_HigherClassFirst_LowerFillsWhatIsLeft()
    {
        var batchJob = Enqueue(new Tenant("nightly", Priority: TenantPriority.Batch), 5);
        var standard = Enqueue(new Tenant("app"), 2);
        var interactive = Enqueue(new Tenant("chat", Priority: TenantPriority.Interactive), 3);

        var batch = Take(7);

        Assert.Equal([.. interactive, .. standard, .. batchJob[..2]], batch);
        Assert.Equal(batchJob[2], _queue.Next().Sequence);
    }

    [Fact]
    public void Take_SequencesThatCannotShareABatch_KeepTheirPlaces()
    {
        var tenant = new Tenant("a");
        var hot = Sequence(tenant, temperature: 1);
        var cold = Sequence(tenant, temperature: 0);
        var hotAgain = Sequence(tenant, temperature: 1);
        foreach (var sequence in new[] { hot, cold, hotAgain }) _queue.Enqueue(new QueuedSequence(sequence, _time.GetTimestamp()));

        var first = Take(8, keyOf: sequence => sequence.Request.Sampling.Temperature);

        Assert.Equal([hot, hotAgain], first);
        Assert.Equal(cold, _queue.Next().Sequence);
    }

    [Fact]
    public void Oldest_IsTheLongestWaitingOfAnyTenant_NextIsTheHeadOfWhoseTurnItIs()
    {
        var early = Enqueue(new Tenant("a"), 1);
        _time.Advance(TimeSpan.FromMilliseconds(5));
        var later = Enqueue(new Tenant("b", Priority: TenantPriority.Interactive), 1);

        Assert.Equal(early[0], _queue.Oldest().Sequence);
        Assert.Equal(later[0], _queue.Next().Sequence);
    }

    [Fact]
    public void Take_SetsEachSequencesQueueWait_AndATenantThatComesBackAfterLeavingJoinsAtTheEndOfTheRound()
    {
        var first = Enqueue(new Tenant("a"), 1);
        _time.Advance(TimeSpan.FromMilliseconds(7));
        Assert.Equal(first, Take(4));
        Assert.Equal(TimeSpan.FromMilliseconds(7), first[0].QueueWait);

        var other = Enqueue(new Tenant("b"), 2);
        var back = Enqueue(new Tenant("a", Weight: 2), 2);

        // "a" left when its queue emptied; back with a new weight, it waits its turn behind "b", then takes two.
        Assert.Equal([other[0], back[0], back[1], other[1]], Take(4));
        Assert.Equal(0, _queue.ActiveWeight);
    }

    [Fact]
    public void RemoveWhere_EmptiesATenant_ItLeavesTheRoundsAndTheActiveWeight()
    {
        var gone = Enqueue(new Tenant("gone", Weight: 4), 3);
        Enqueue(new Tenant("stays", Weight: 2), 1);
        Assert.Equal(6, _queue.ActiveWeight);

        var removed = _queue.RemoveWhere(waiting => gone.Contains(waiting.Sequence));

        Assert.Equal(3, removed.Count);
        Assert.Equal(2, _queue.ActiveWeight);
        Assert.False(_queue.IsActive(new Tenant("gone")));
        Assert.Equal(1, _queue.Count);
    }

    private List<BatchSequence> Enqueue(Tenant tenant, int count)
    {
        var sequences = Enumerable.Range(0, count).Select(_ => Sequence(tenant)).ToList();
        foreach (var sequence in sequences) _queue.Enqueue(new QueuedSequence(sequence, _time.GetTimestamp()));
        return sequences;
    }

    private List<BatchSequence> Take(int maxBatchSize, Func<BatchSequence, object?>? keyOf = null) => _queue.Take(maxBatchSize, keyOf ?? (_ => null));

    private static BatchSequence Sequence(Tenant tenant, float? temperature = null) =>
        BatchSequence.ForResult(new InferenceRequest("p", new SamplingParameters(4, temperature), Tenant: tenant), CancellationToken.None);
}
