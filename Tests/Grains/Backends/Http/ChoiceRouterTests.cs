using System.Text.Json;
using Orleans.Inference.Backends.Http;
using Orleans.Inference.Engines;
using Orleans.Inference.Generation;
using Orleans.Inference.OpenAiProtocol.Json;
using Orleans.Inference.OpenAiProtocol.Reading;

namespace Orleans.Inference.Tests.Grains.Backends.Http;

/// <summary>How a server's chunks reach their sequences: by choice index, with usage from whichever chunk carries it.</summary>
public sealed class ChoiceRouterTests
{
    [Fact]
    public async Task Route_InterleavedChoicesOfAnArrayPrompt_EachReachesItsOwnSequence()
    {
        var batch = Batch(2, maxTokens: 2);
        var router = new ChoiceRouter(batch);

        router.Route(Chunk("""{"choices":[{"index":1,"text":"B1"}]}"""));
        router.Route(Chunk("""{"choices":[{"index":0,"text":"A1"}]}"""));
        router.Route(Chunk("""{"choices":[{"index":0,"text":"A2","finish_reason":"length"}]}"""));
        router.Route(Chunk("""{"choices":[{"index":1,"text":"B2","finish_reason":"stop"}]}"""));
        router.Route(Chunk("""{"choices":[],"usage":{"prompt_tokens":6,"completion_tokens":4,"total_tokens":10}}"""));
        router.Complete();

        var (first, second) = (await batch[0].Result, await batch[1].Result);
        Assert.Equal(("A1A2", FinishReason.Length), (first.Text, first.FinishReason));
        Assert.Equal(("B1B2", FinishReason.Stop), (second.Text, second.FinishReason));
        Assert.Equal((new TokenUsage(3, 2), new TokenUsage(3, 2)), (first.Usage, second.Usage));
    }

    [Fact]
    public async Task Route_ContinuousUsage_CountsTokensByTheServersUsage_NotByChunks()
    {
        var batch = Batch(1);
        var router = new ChoiceRouter(batch);

        router.Route(Chunk("""{"choices":[{"index":0,"delta":{"content":"three tokens here"}}],"usage":{"prompt_tokens":5,"completion_tokens":3}}"""));
        router.Route(Chunk("""{"choices":[{"index":0,"delta":{"content":"!"},"finish_reason":"stop"}],"usage":{"prompt_tokens":5,"completion_tokens":4}}"""));
        router.Complete();

        var result = await batch[0].Result;
        Assert.Equal("three tokens here!", result.Text);
        Assert.Equal(new TokenUsage(5, 4), result.Usage);
    }

    [Fact]
    public async Task Route_ArrayWithoutChoiceUsage_SharesTheTotal_ChoicesAtTheirLengthGetMaxTokens()
    {
        // A server sends several tokens in one chunk when it has them: the chunk count is no token count.
        var batch = Batch(3, maxTokens: 16);
        var router = new ChoiceRouter(batch);

        router.Route(Chunk("""{"choices":[{"index":0,"text":"sixteen tokens of text, all at once","finish_reason":"length"}]}"""));
        router.Route(Chunk("""{"choices":[{"index":2,"text":"short","finish_reason":"stop"}]}"""));
        router.Route(Chunk("""{"choices":[{"index":1,"text":"sixteen more, in one chunk too","finish_reason":"length"}]}"""));
        router.Route(Chunk("""{"choices":[],"usage":{"prompt_tokens":9,"completion_tokens":37,"total_tokens":46}}"""));
        router.Complete();

        var usages = await Task.WhenAll(batch.Select(async sequence => (await sequence.Result).Usage));
        Assert.Equal([new TokenUsage(3, 16), new TokenUsage(3, 16), new TokenUsage(3, 5)], usages);
    }

    [Fact]
    public async Task Fail_AfterOneChoiceFinished_FinishesItAndFailsTheOthers()
    {
        var batch = Batch(2);
        var router = new ChoiceRouter(batch);
        router.Route(Chunk("""{"choices":[{"index":0,"text":"done","finish_reason":"stop"},{"index":1,"text":"half"}]}"""));

        router.Fail(new BackendException("cut"));

        Assert.Equal("done", (await batch[0].Result).Text);
        await Assert.ThrowsAsync<BackendException>(() => batch[1].Result);
    }

    [Fact]
    public void Route_IndexOutsideTheBatch_IsIgnored()
    {
        var batch = Batch(1);
        var router = new ChoiceRouter(batch);

        router.Route(Chunk("""{"choices":[{"index":3,"text":"stray"}]}"""));

        Assert.Equal(0, batch[0].CompletionTokens);
    }

    private static BatchSequence[] Batch(int size, int maxTokens = 8) =>
        [.. Enumerable.Range(0, size).Select(i => BatchSequence.ForResult(new InferenceRequest($"p{i}", new SamplingParameters(maxTokens)), CancellationToken.None))];

    private static ResponseChunk Chunk(string json) => JsonSerializer.Deserialize(json, OpenAiJson.Context.ResponseChunk)!;
}
