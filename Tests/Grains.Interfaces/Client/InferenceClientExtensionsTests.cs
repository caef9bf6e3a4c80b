using Orleans.Inference.Client;
using Orleans.Inference.Generation;
using Orleans.Inference.Models;
using Orleans.Inference.Tests.Infrastructure;

namespace Orleans.Inference.Tests.Grains.Interfaces.Client;

/// <summary>The typed client a .NET service uses: grain calls only, no HTTP (this is the README's sample).</summary>
[Collection(ClusterCollection.Name)]
public sealed class InferenceClientExtensionsTests(ClusterFixture fixture)
{
    [Fact]
    public async Task CompleteAsync_SamePromptAndSeed_ReturnsSameTextWithConsistentUsage()
    {
        IGrainFactory grains = fixture.Client;
        var request = new InferenceRequest("Tell me about the harbor", new SamplingParameters(MaxTokens: 12, Seed: 7));

        var first = await grains.CompleteAsync(TestCatalog.Free, request);
        var second = await grains.CompleteAsync(TestCatalog.Free, request);

        Assert.Equal(first.Text, second.Text);
        Assert.Equal(FinishReason.Length, first.FinishReason);
        Assert.Equal(new TokenUsage(PromptTokens: 5, CompletionTokens: 12), first.Usage);
        Assert.Equal(12, first.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task CompleteAsync_DifferentSeed_ReturnsDifferentText()
    {
        var a = await fixture.Client.CompleteAsync(TestCatalog.Free, new InferenceRequest("x", new SamplingParameters(16, Seed: 1)));
        var b = await fixture.Client.CompleteAsync(TestCatalog.Free, new InferenceRequest("x", new SamplingParameters(16, Seed: 2)));

        Assert.NotEqual(a.Text, b.Text);
    }

    [Fact]
    public async Task StreamAsync_Chunks_AddUpToTheWholeResult()
    {
        var request = new InferenceRequest("Once upon a time", new SamplingParameters(MaxTokens: 20, Seed: 3));
        var whole = await fixture.Client.CompleteAsync(TestCatalog.Paced, request);

        var chunks = new List<TokenChunk>();
        await foreach (var chunk in fixture.Client.StreamAsync(TestCatalog.Paced, request)) chunks.Add(chunk);

        Assert.Equal(whole.Text, string.Concat(chunks.Select(c => c.Text)));
        Assert.True(chunks.Count > 1, "a paced model streams more than one chunk");
        Assert.All(chunks[..^1], c => Assert.False(c.IsFinal));
        Assert.Equal(FinishReason.Length, chunks[^1].FinishReason);
        Assert.Equal(whole.Usage, chunks[^1].Usage);
        Assert.Equal(20, chunks.Sum(c => c.TokenCount));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task UnknownModel_ThrowsNotFound_WhetherCompletedOrStreamed(bool stream)
    {
        // The request goes straight to the batch grain, which leaves refusing an unknown id to the model grain.
        var modelId = $"no-such-model-{(stream ? "streamed" : "completed")}";
        var request = new InferenceRequest("x", new SamplingParameters(4));

        var error = await Assert.ThrowsAsync<ModelNotFoundException>(async () =>
        {
            if (!stream) await fixture.Client.CompleteAsync(modelId, request);
            else await foreach (var _ in fixture.Client.StreamAsync(modelId, request)) { }
        });

        Assert.Equal(modelId, error.ModelId);
    }
}
