using Orleans.Inference.Engines;
using Orleans.Inference.Generation;
using Orleans.Inference.Streaming;

namespace Orleans.Inference.Tests.Simulation.Engines;

public sealed class BatchSequenceTests
{
    [Fact]
    public async Task Append_HeldBackTokens_TravelWithTheNextTextSoCountsAddUpToUsage()
    {
        var sequence = BatchSequence.ForStream(new InferenceRequest("p", new SamplingParameters(3)), CancellationToken.None);
        sequence.PromptTokens = 1;

        sequence.Append(string.Empty, 1);
        sequence.Append(" red dog", 1);
        var first = await TakeAsync(sequence);
        sequence.Append(string.Empty, 1);
        sequence.Finish(FinishReason.Stop);
        var last = await TakeAsync(sequence);

        Assert.Equal(new TokenChunk(" red dog", 2), first);
        Assert.Equal(new TokenChunk(string.Empty, 1, FinishReason.Stop, new TokenUsage(1, 3)), last);
        Assert.False(await sequence.WaitToTakeAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Abandon_ABackendCancellationCallbackThrows_TheDeliveredStreamStillEndsCleanly()
    {
        var sequence = BatchSequence.ForStream(new InferenceRequest("p", new SamplingParameters(1)), CancellationToken.None);
        using var link = sequence.LinkCancellation();
        link.Token.Register(() => throw new ObjectDisposedException("the backend's request source"));
        sequence.Append(" done", 1);
        sequence.Finish(FinishReason.Length);
        var last = await TakeAsync(sequence);

        sequence.Abandon();

        Assert.Equal(FinishReason.Length, last.FinishReason);
        Assert.True(link.IsCancellationRequested, "the backend was told the caller left");
    }

    [Fact]
    public async Task TryTake_ChunksWaiting_MergedIntoOneWithTheFinalState()
    {
        var sequence = BatchSequence.ForStream(new InferenceRequest("p", new SamplingParameters(3)), CancellationToken.None);
        sequence.Append(" a", 1);
        sequence.Append(" b", 1);
        sequence.Append(" c", 1);
        sequence.Finish(FinishReason.Length);

        Assert.Equal(new TokenChunk(" a b c", 3, FinishReason.Length, new TokenUsage(0, 3)), await TakeAsync(sequence));
        Assert.Equal(0, sequence.BufferedTokens);
    }

    [Fact]
    public async Task Append_ReaderFallsBehindTheBound_SequenceFailsWithSlowReader()
    {
        var sequence = BatchSequence.ForStream(new InferenceRequest("p", new SamplingParameters(100)), CancellationToken.None, maxBufferedTokens: 4);
        for (var i = 0; i < 4; i++) sequence.Append(" w", 1);
        await TakeAsync(sequence); // a reader that keeps up is never cut off
        for (var i = 0; i < 4; i++) sequence.Append(" w", 1);
        Assert.False(sequence.IsFinished);

        sequence.Append(" w", 1);

        Assert.True(sequence.IsFinished, "the engine drops the sequence at its next step");
        await TakeAsync(sequence); // what was buffered is still delivered, then the failure
        var failure = await Assert.ThrowsAsync<SlowReaderException>(() => sequence.WaitToTakeAsync(CancellationToken.None).AsTask());
        Assert.Equal(5, failure.BufferedTokens);
    }

    private static async Task<TokenChunk> TakeAsync(BatchSequence sequence)
    {
        Assert.True(await sequence.WaitToTakeAsync(CancellationToken.None));
        Assert.True(sequence.TryTake(out var chunk));
        return chunk;
    }

    [Fact]
    public async Task Fail_AfterFinish_IsIgnored()
    {
        var sequence = BatchSequence.ForResult(new InferenceRequest("p", new SamplingParameters(1)), CancellationToken.None);
        sequence.Append(" x", 1);

        sequence.Finish(FinishReason.Length);
        sequence.Fail(new InvalidOperationException("late"));

        Assert.Equal(" x", (await sequence.Result).Text);
    }
}
