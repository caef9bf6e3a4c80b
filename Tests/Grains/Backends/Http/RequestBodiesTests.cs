using System.Text.Json;
using Orleans.Inference.Backends.Http.Json;
using Orleans.Inference.Engines;
using Orleans.Inference.Generation;

namespace Orleans.Inference.Tests.Grains.Backends.Http;

/// <summary>The bodies the HTTP backend sends: OpenAI's fields, a prompt array for a batch, and usage asked for when streamed.</summary>
public sealed class RequestBodiesTests
{
    [Fact]
    public void Completion_OneSequence_SendsThePromptAsAStringWithEverySamplingParameter()
    {
        var sampling = new SamplingParameters(12, Temperature: 0.5f, TopP: 0.9f, Stop: ["\n", "END"], Seed: 3);
        var request = new InferenceRequest("Once", sampling, User: "u-1");

        using var body = Parse(RequestBodies.Completion("served", [Sequence(request)], stream: false, continuousUsage: false));

        var root = body.RootElement;
        Assert.Equal("served", root.GetProperty("model").GetString());
        Assert.Equal("Once", root.GetProperty("prompt").GetString());
        Assert.Equal(12, root.GetProperty("max_tokens").GetInt32());
        Assert.Equal(0.5, root.GetProperty("temperature").GetDouble(), 3);
        Assert.Equal(0.9, root.GetProperty("top_p").GetDouble(), 3);
        Assert.Equal(3, root.GetProperty("seed").GetInt64());
        Assert.Equal(["\n", "END"], root.GetProperty("stop").EnumerateArray().Select(stop => stop.GetString()));
        Assert.Equal("u-1", root.GetProperty("user").GetString());
        Assert.False(root.TryGetProperty("stream", out _));
    }

    [Fact]
    public void Completion_Batch_SendsThePromptsAsAnArrayInBatchOrder()
    {
        var sampling = new SamplingParameters(4);
        var batch = new[] { Sequence(new InferenceRequest("a", sampling)), Sequence(new InferenceRequest("b", sampling)) };

        using var body = Parse(RequestBodies.Completion("m", batch, stream: false, continuousUsage: false));

        Assert.Equal(["a", "b"], body.RootElement.GetProperty("prompt").EnumerateArray().Select(prompt => prompt.GetString()));
        Assert.False(body.RootElement.TryGetProperty("temperature", out _), "unset parameters are left to the server");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Chat_Streamed_SendsTheMessagesAsTheClientSentThem_AndAsksForUsage(bool continuousUsage)
    {
        var request = new InferenceRequest("rendered", new SamplingParameters(8), [new ChatMessage("system", "Be brief."), new ChatMessage("user", "Hi")]);

        using var body = Parse(RequestBodies.Chat("m", request, stream: true, continuousUsage));

        var root = body.RootElement;
        Assert.False(root.TryGetProperty("prompt", out _));
        Assert.Equal(["system:Be brief.", "user:Hi"], root.GetProperty("messages").EnumerateArray()
            .Select(message => $"{message.GetProperty("role").GetString()}:{message.GetProperty("content").GetString()}"));
        Assert.True(root.GetProperty("stream").GetBoolean());
        var options = root.GetProperty("stream_options");
        Assert.True(options.GetProperty("include_usage").GetBoolean());
        Assert.Equal(continuousUsage, options.TryGetProperty("continuous_usage_stats", out var continuous) && continuous.GetBoolean());
    }

    private static BatchSequence Sequence(InferenceRequest request) => BatchSequence.ForResult(request, CancellationToken.None);

    private static JsonDocument Parse(byte[] body) => JsonDocument.Parse(body);
}
