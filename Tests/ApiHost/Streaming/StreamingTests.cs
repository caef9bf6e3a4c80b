using System.Net;
using System.Text.Json;
using Orleans.Inference.Tests.Infrastructure;

namespace Orleans.Inference.Tests.ApiHost.Streaming;

[Collection(ApiHostCollection.Name)]
public sealed class StreamingTests(ApiHostFactory host)
{
    [Fact]
    public async Task StreamCompletion_ChunksInOrder_AddUpToTheWholeTextThenUsageThenDone()
    {
        const string Body = """"{"model":"test-paced","prompt":"stream me","max_tokens":10,"seed":4"""";
        using var whole = await host.Http.PostJsonAsync("v1/completions", Body + "}");
        var expected = (await whole.ReadJsonAsync()).GetProperty("choices")[0].GetProperty("text").GetString();

        using var response = await host.Http.PostJsonAsync(
            "v1/completions", Body + ""","stream":true,"stream_options":{"include_usage":true}}""", HttpCompletionOption.ResponseHeadersRead);
        var events = await ServerSentEvents.ReadAllDataAsync(response);

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("[DONE]", events[^1]);
        var chunks = events[..^1].Select(ServerSentEvents.Json).ToList();
        var usageChunk = chunks[^1];
        var textChunks = chunks[..^1];
        Assert.True(textChunks.Count > 1, "tokens of a paced model arrive in several chunks");
        Assert.All(chunks, c => Assert.Equal("text_completion", c.GetProperty("object").GetString()));
        Assert.Single(chunks.Select(c => c.GetProperty("id").GetString()).Distinct());
        Assert.Equal(expected, string.Concat(textChunks.Select(c => c.GetProperty("choices")[0].GetProperty("text").GetString())));
        Assert.All(textChunks[..^1], c => Assert.Equal(JsonValueKind.Null, c.GetProperty("choices")[0].GetProperty("finish_reason").ValueKind));
        Assert.Equal("length", textChunks[^1].GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.Equal(0, usageChunk.GetProperty("choices").GetArrayLength());
        Assert.Equal(10, usageChunk.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
    }

    [Fact]
    public async Task StreamChat_RoleFirst_ThenContent_ThenFinishReason()
    {
        using var response = await host.Http.PostJsonAsync("v1/chat/completions", """
            {"model":"test-paced","max_tokens":5,"stream":true,"messages":[{"role":"user","content":"hi"}]}
            """, HttpCompletionOption.ResponseHeadersRead);
        var events = await ServerSentEvents.ReadAllDataAsync(response);

        Assert.Equal("[DONE]", events[^1]);
        var chunks = events[..^1].Select(ServerSentEvents.Json).ToList();
        Assert.All(chunks, c => Assert.Equal("chat.completion.chunk", c.GetProperty("object").GetString()));
        var first = chunks[0].GetProperty("choices")[0].GetProperty("delta");
        Assert.Equal("assistant", first.GetProperty("role").GetString());
        var content = chunks[1..^1].Select(c => c.GetProperty("choices")[0].GetProperty("delta").GetProperty("content").GetString());
        Assert.Equal(5, string.Concat(content).Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal("length", chunks[^1].GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.False(chunks.Any(c => c.TryGetProperty("usage", out _)), "no usage chunk unless include_usage is set");
    }

    [Fact]
    public async Task StreamCompletion_FirstChunk_ArrivesWhileGenerationGoesOn()
    {
        var stepsBefore = host.StepsOf("test-paced");
        using var response = await host.Http.PostJsonAsync(
            "v1/completions", """{"model":"test-paced","prompt":"slow","max_tokens":60,"stream":true}""", HttpCompletionOption.ResponseHeadersRead);
        await using var events = ServerSentEvents.ReadDataAsync(response).GetAsyncEnumerator();

        Assert.True(await events.MoveNextAsync());

        // 60 steps of 25 ms: had the response been buffered, all 60 would be done before the first byte.
        Assert.True(host.StepsOf("test-paced") - stepsBefore < 40, "the first chunk waited for the whole generation");
    }

    [Fact]
    public async Task StreamCompletion_ClientDisconnects_BackendStopsTheSequence()
    {
        var stepsBefore = host.StepsOf("test-paced");
        using (var response = await host.Http.PostJsonAsync(
            "v1/completions", """{"model":"test-paced","prompt":"abandon","max_tokens":2000,"stream":true}""", HttpCompletionOption.ResponseHeadersRead))
        {
            await using var events = ServerSentEvents.ReadDataAsync(response).GetAsyncEnumerator();
            Assert.True(await events.MoveNextAsync());
        }

        // One batch at a time on this model: this request completes only after the abandoned sequence has left the engine.
        using var next = await host.Http.PostJsonAsync("v1/completions", """{"model":"test-paced","prompt":"next","max_tokens":1}""");
        next.EnsureSuccessStatusCode();
        Assert.True(host.StepsOf("test-paced") - stepsBefore < 500, "the backend kept generating for a client that had left");
    }
}
