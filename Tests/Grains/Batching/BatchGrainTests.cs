using Orleans.Inference.Batching;
using Orleans.Inference.Client;
using Orleans.Inference.Generation;
using Orleans.Inference.Tests.Infrastructure;

namespace Orleans.Inference.Tests.Grains.Batching;

[Collection(ClusterCollection.Name)]
public sealed class BatchGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task CompleteAsync_ConcurrentRequests_ShareBatchesAndEachGetsItsOwnResult()
    {
        var requests = Enumerable.Range(0, 24)
            .Select(i => new InferenceRequest($"prompt number {i}", new SamplingParameters(MaxTokens: 8 + i % 5, Seed: i)))
            .ToArray();
        var alone = new List<InferenceResult>();
        foreach (var request in requests) alone.Add(await fixture.Client.CompleteAsync(TestCatalog.Free, request));
        var stepsBefore = fixture.StepsOf(TestCatalog.Paced);

        var together = await Task.WhenAll(requests.Select(r => fixture.Client.CompleteAsync(TestCatalog.Paced, r)));

        Assert.Equal(alone, together);
        var steps = fixture.StepsOf(TestCatalog.Paced) - stepsBefore;
        var tokens = requests.Sum(r => r.Sampling.MaxTokens);
        Assert.True(steps < tokens / 2, $"{steps} decode steps for {tokens} tokens: the requests were not batched");
    }

    [Fact]
    public async Task StreamAsync_OneCallerCancels_OthersInTheBatchFinish()
    {
        var batch = fixture.Client.GetGrain<IBatchGrain>(TestCatalog.Paced);
        var request = new InferenceRequest("shared batch", new SamplingParameters(MaxTokens: 40));
        using var cancel = new CancellationTokenSource();
        var stepsBefore = fixture.StepsOf(TestCatalog.Paced);

        var survivor = CollectAsync(batch.StreamAsync(request, CancellationToken.None));
        var cancelled = Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in batch.StreamAsync(request, cancel.Token)) await cancel.CancelAsync();
        });

        await cancelled;
        var chunks = await survivor;
        Assert.Equal(FinishReason.Length, chunks[^1].FinishReason);
        Assert.Equal(40, chunks.Sum(c => c.TokenCount));
        // Had the cancelled sequence run all its 40 tokens in a batch of its own, the two would have cost 80 steps.
        var steps = fixture.StepsOf(TestCatalog.Paced) - stepsBefore;
        Assert.True(steps < 78, $"the cancelled sequence went on generating: {steps} steps");
    }

    [Fact]
    public async Task CompleteAsync_CallerCancels_BackendStopsGenerating()
    {
        using var cancel = new CancellationTokenSource();
        var stepsBefore = fixture.StepsOf(TestCatalog.Paced);
        var call = fixture.Client.CompleteAsync(
            TestCatalog.Paced, new InferenceRequest("long one", new SamplingParameters(MaxTokens: 2000)), cancel.Token);
        await HttpJson.EventuallyAsync(() => fixture.StepsOf(TestCatalog.Paced) > stepsBefore + 2, TimeSpan.FromSeconds(10), "generation starts");

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);

        // One batch runs at a time on this model, so the next request completes only once the cancelled batch has ended.
        await fixture.Client.CompleteAsync(TestCatalog.Paced, new InferenceRequest("next", new SamplingParameters(MaxTokens: 1)));
        Assert.True(fixture.StepsOf(TestCatalog.Paced) - stepsBefore < 200, "the backend went on generating after the caller left");
    }

    [Fact]
    public async Task CompleteAsync_OneSequenceFails_TheOthersInItsBatchSucceed()
    {
        var batch = new[] { "fine one", "FAIL here", "fine two" }
            .Select(prompt => fixture.Client.CompleteAsync(TestCatalog.Faulty, new InferenceRequest(prompt, new SamplingParameters(MaxTokens: 6))))
            .ToArray();

        await Assert.ThrowsAsync<BackendException>(() => batch[1]);
        Assert.Equal(6, (await batch[0]).Usage.CompletionTokens);
        Assert.Equal(6, (await batch[2]).Usage.CompletionTokens);
    }

    private static async Task<List<TokenChunk>> CollectAsync(IAsyncEnumerable<TokenChunk> chunks)
    {
        var list = new List<TokenChunk>();
        await foreach (var chunk in chunks) list.Add(chunk);
        return list;
    }
}
