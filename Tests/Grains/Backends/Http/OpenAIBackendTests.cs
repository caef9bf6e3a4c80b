using System.ClientModel;
using System.Net;
using System.Text;
using System.Text.Json;
using OpenAI;
using OpenAI.Chat;
using Orleans.Inference.Tests.Infrastructure;
using static Orleans.Inference.Tests.Infrastructure.HttpBackendApiHostFactory;

namespace Orleans.Inference.Tests.Grains.Backends.Http;

/// <summary>The gateway in front of real Simulator processes over loopback HTTP: what callers get, and what reaches the backend.</summary>
[Collection(HttpBackendCollection.Name)]
public sealed class OpenAIBackendTests(HttpBackendApiHostFactory host)
{
    [Fact]
    public async Task Completion_OneRequest_ReturnsTheBackendsTextAndUsage()
    {
        var expected = await DirectAsync("Once upon a time", 12, 5);

        using var response = await host.Http.PostJsonAsync(
            "v1/completions", $$"""{"model":"{{Singles}}","prompt":"Once upon a time","max_tokens":12,"seed":5}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadJsonAsync();
        var choice = Assert.Single(body.GetProperty("choices").EnumerateArray());
        Assert.Equal(expected.Text, choice.GetProperty("text").GetString());
        Assert.Equal("length", choice.GetProperty("finish_reason").GetString());
        Assert.Equal(expected.PromptTokens, body.GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(12, body.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
    }

    [Fact]
    public async Task Completions_SentTogether_GoAsOneArrayRequestAndEachGetsItsOwnText()
    {
        var prompts = Enumerable.Range(0, ArrayBatchSize).Select(i => $"prompt number {i} {new string('x', i)}").ToArray();
        var expected = await Task.WhenAll(prompts.Select(p => DirectAsync(p, 8, 3)));
        var before = await host.SharedStatsAsync();

        var answers = await Task.WhenAll(prompts.Select(async prompt =>
        {
            using var response = await host.Http.PostJsonAsync("v1/completions", $$"""{"model":"{{Arrays}}","prompt":"{{prompt}}","max_tokens":8,"seed":3}""");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return await response.ReadJsonAsync();
        }));

        var after = await host.SharedStatsAsync();
        Assert.Equal(1, after.Requests - before.Requests);
        Assert.Equal(ArrayBatchSize, after.Sequences - before.Sequences);
        for (var i = 0; i < prompts.Length; i++)
        {
            Assert.Equal(expected[i].Text, answers[i].GetProperty("choices")[0].GetProperty("text").GetString());
            Assert.Equal(expected[i].PromptTokens, answers[i].GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
            Assert.Equal(8, answers[i].GetProperty("usage").GetProperty("completion_tokens").GetInt32());
        }
    }

    [Fact]
    public async Task Streams_InOneArrayBatch_EachCallerGetsItsOwnTokensInPieces()
    {
        var prompts = Enumerable.Range(0, ArrayBatchSize).Select(i => $"streamed prompt {i}").ToArray();
        var expected = await Task.WhenAll(prompts.Select(p => DirectAsync(p, 10, 4)));

        Task<List<string>[]> StreamAllAsync() => Task.WhenAll(prompts.Select(async prompt =>
        {
            using var response = await host.Http.PostJsonAsync("v1/completions",
                $$$"""{"model":"{{{Arrays}}}","prompt":"{{{prompt}}}","max_tokens":10,"seed":4,"stream":true,"stream_options":{"include_usage":true}}""");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return await ServerSentEvents.ReadAllDataAsync(response);
        }));

        // Once to warm the streaming path: run first in a cold process, the JIT held the reader back until every token had
        // piled up, and tokens that pile up are merged into one event by design.
        await StreamAllAsync();
        var streams = await StreamAllAsync();

        for (var i = 0; i < prompts.Length; i++)
        {
            var events = streams[i];
            Assert.Equal("[DONE]", events[^1]);
            var chunks = events[..^1].Select(ServerSentEvents.Json).ToList();
            var text = new StringBuilder();
            foreach (var chunk in chunks.Where(c => c.GetProperty("choices").GetArrayLength() > 0)) text.Append(chunk.GetProperty("choices")[0].GetProperty("text").GetString());
            Assert.Equal(expected[i].Text, text.ToString());
            Assert.True(chunks.Count > 3, $"the tokens came in {chunks.Count} events, not as they were produced");
            Assert.Equal(10, chunks[^1].GetProperty("usage").GetProperty("completion_tokens").GetInt32());
        }
    }

    [Fact]
    public async Task Chat_ThroughTheOpenAISdk_CompletesAndStreamsTheSameReply()
    {
        var client = new OpenAIClient(new ApiKeyCredential("not-needed"), new OpenAIClientOptions { Endpoint = new Uri(host.BaseAddress, "v1") });
        var chat = client.GetChatClient(Singles);
        ChatMessage[] messages = [new SystemChatMessage("Be brief."), new UserChatMessage("Hello over HTTP")];
#pragma warning disable OPENAI001 // Seed is for evaluation in the SDK; the Simulator honours it.
        var options = new ChatCompletionOptions { MaxOutputTokenCount = 9, Seed = 8 };
#pragma warning restore OPENAI001

        ChatCompletion whole = await chat.CompleteChatAsync(messages, options);
        var text = new StringBuilder();
        var updates = 0;
        ChatTokenUsage? usage = null;
        await foreach (var update in chat.CompleteChatStreamingAsync(messages, options))
        {
            updates++;
            foreach (var part in update.ContentUpdate) text.Append(part.Text);
            usage ??= update.Usage;
        }

        Assert.Equal(ChatFinishReason.Length, whole.FinishReason);
        Assert.Equal(9, whole.Usage.OutputTokenCount);
        Assert.Equal(9, whole.Content[0].Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(whole.Content[0].Text, text.ToString());
        Assert.True(updates > 2);
        Assert.Equal(9, usage?.OutputTokenCount);
    }

    [Fact]
    public async Task Stream_ClientLeaves_CancelsTheBackendRequest()
    {
        var before = await host.SharedStatsAsync();
        var response = await host.Leaving.PostJsonAsync("v1/completions",
            $$"""{"model":"{{Singles}}","prompt":"a very long story","max_tokens":3000,"stream":true}""", HttpCompletionOption.ResponseHeadersRead);
        await using (var events = ServerSentEvents.ReadDataAsync(response).GetAsyncEnumerator())
        {
            Assert.True(await events.MoveNextAsync());
        }

        response.Dispose();

        await HttpJson.EventuallyAsync(async () => (await host.SharedStatsAsync()).SequencesCancelled > before.SequencesCancelled,
            TimeSpan.FromSeconds(10), "the Simulator should see its sequence cancelled");
        await HttpJson.EventuallyAsync(async () => await host.InFlightAsync(Singles) == 0, TimeSpan.FromSeconds(5), "nothing stays in flight");
    }

    [Fact]
    public async Task Load_NoReplicaListsTheModel_FailsSayingSo()
    {
        using var load = await host.Http.PostAsync($"admin/models/{MissingModel}/load", null);
        Assert.Equal(HttpStatusCode.Accepted, load.StatusCode);

        JsonElement model = default;
        await HttpJson.EventuallyAsync(async () =>
        {
            using var response = await host.Http.GetAsync($"admin/models/{MissingModel}");
            model = await response.ReadJsonAsync();
            return model.GetProperty("state").GetString() == "Failed";
        }, TimeSpan.FromSeconds(20), "the load should fail");
        Assert.Contains("does not list it", model.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Start_WarmConnections_AreOpenBeforeAnyRequest()
    {
        // The failover endpoint's replicas get only one request at a time from the tests: more connections are the warm-up's.
        var stats = await host.Failover[1].GetStatsAsync();

        Assert.True(stats.ConnectionsTotal >= 16, $"{stats.ConnectionsTotal} connections were opened; WarmConnections is 16");
    }

    private async Task<(string Text, int PromptTokens)> DirectAsync(string prompt, int maxTokens, int seed)
    {
        using var response = await host.Errors.Http.PostJsonAsync("v1/completions", $$"""{"model":"sim","prompt":"{{prompt}}","max_tokens":{{maxTokens}},"seed":{{seed}}}""");
        var body = await response.ReadJsonAsync();
        return (body.GetProperty("choices")[0].GetProperty("text").GetString()!, body.GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
    }
}
