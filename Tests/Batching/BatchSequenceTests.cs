using Orleans.Inference.Batching;
using Orleans.Inference.Generation;

namespace Orleans.Inference.Tests.Batching;

public sealed class BatchSequenceTests
{
    [Fact]
    public async Task Append_HeldBackTokens_TravelWithTheNextTextSoCountsAddUpToUsage()
    {
        var sequence = BatchSequence.ForStream(new InferenceRequest("p", new SamplingParameters(3)), CancellationToken.None);
        sequence.PromptTokens = 1;

        sequence.Append(string.Empty, 1);
        sequence.Append(" red dog", 1);
        sequence.Append(string.Empty, 1);
        sequence.Finish(FinishReason.Stop);

        var chunks = new List<TokenChunk>();
        await foreach (var chunk in sequence.Chunks.ReadAllAsync()) chunks.Add(chunk);
        Assert.Equal([new TokenChunk(" red dog", 2), new TokenChunk(string.Empty, 1, FinishReason.Stop, new TokenUsage(1, 3))], chunks);
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
