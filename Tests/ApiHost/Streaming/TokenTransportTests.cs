using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Inference.ApiHost.Streaming;
using Orleans.Inference.Tests.Infrastructure;

namespace Orleans.Inference.Tests.ApiHost.Streaming;

/// <summary>
/// What a streaming client relies on, over real HTTP; every token transport runs all of it
/// (<see cref="GrainCallTransportTests"/>, <see cref="OrleansStreamsTransportTests"/>).
/// </summary>
public abstract class TokenTransportTests(ApiHostFactory host)
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
    public async Task StreamCompletion_ClientDisconnects_BackendStopsWithinAFewSteps()
    {
        long stepsAtDisconnect;
        using (var response = await host.Leaving.PostJsonAsync(
            "v1/completions", """{"model":"test-paced","prompt":"abandon","max_tokens":2000,"stream":true}""", HttpCompletionOption.ResponseHeadersRead))
        {
            await using var events = ServerSentEvents.ReadDataAsync(response).GetAsyncEnumerator();
            for (var i = 0; i < 3; i++) Assert.True(await events.MoveNextAsync());
            stepsAtDisconnect = host.StepsOf(TestCatalog.Paced);
        }

        await HttpJson.EventuallyAsync(async () => await host.InFlightAsync(TestCatalog.Paced) == 0, TimeSpan.FromSeconds(10), "the sequence leaves the engine");

        // Of the 2,000 steps (25 ms each), a few at most: one whose token was on its way to the client when it left, the step
        // under way, the next one, which sees the cancellation, and on this 2-core machine under a parallel suite up to
        // about 100 ms of scheduling for the cancellation to cross from the HTTP request to the batch (3 steps alone, 6 once
        // under the suite's load; the bound was 2 and failed one run in three on its own).
        Assert.InRange(host.StepsOf(TestCatalog.Paced) - stepsAtDisconnect, 0, 8);
    }

    [Fact]
    public async Task StreamCompletion_BackendFailsMidStream_ErrorEventInOpenAiShapeThenDone()
    {
        using var response = await host.Http.PostJsonAsync(
            "v1/completions", """{"model":"test-midstream-fail","prompt":"please FAIL","max_tokens":10,"stream":true}""", HttpCompletionOption.ResponseHeadersRead);
        var events = await ServerSentEvents.ReadAllDataAsync(response);

        Assert.Equal(200, (int)response.StatusCode); // already sent with the first token: the error event is the only signal
        Assert.Equal("[DONE]", events[^1]);
        var error = ServerSentEvents.Json(events[^2]).GetProperty("error");
        Assert.Equal("backend_error", error.GetProperty("code").GetString());
        Assert.Equal("server_error", error.GetProperty("type").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
        Assert.True(error.TryGetProperty("param", out _));
        var text = string.Concat(events[..^2].Select(e => ServerSentEvents.Json(e).GetProperty("choices")[0].GetProperty("text").GetString()));
        Assert.Equal(3, text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task StreamCompletion_ReaderFallsBehind_CutOffWithErrorEvent_ItsBatchGoesOn()
    {
        using var slowClient = SlowClient(host.BaseAddress);

        // Sent together into a 200 ms batch window, so they share a batch.
        var slowTask = slowClient.PostJsonAsync(
            "v1/completions", """{"model":"test-fast-window","prompt":"slow reader","max_tokens":1000000,"stream":true}""", HttpCompletionOption.ResponseHeadersRead);
        var readerTask = host.Http.PostJsonAsync(
            "v1/completions", """{"model":"test-fast-window","prompt":"keeps up","max_tokens":2000,"stream":true,"stream_options":{"include_usage":true}}""",
            HttpCompletionOption.ResponseHeadersRead);
        using var slow = await slowTask;
        using var reader = await readerTask;

        var readerEvents = await ServerSentEvents.ReadAllDataAsync(reader);
        Assert.Equal(2000, ServerSentEvents.Json(readerEvents[^2]).GetProperty("usage").GetProperty("completion_tokens").GetInt32());

        // The slow client has read nothing yet; its sequence is already out of the engine.
        await HttpJson.EventuallyAsync(async () => await host.InFlightAsync(TestCatalog.FastWindow) == 0, TimeSpan.FromSeconds(30), "the slow reader is cut off");
        var slowEvents = await ServerSentEvents.ReadAllDataAsync(slow);
        Assert.Equal("[DONE]", slowEvents[^1]);
        Assert.Equal("slow_reader", ServerSentEvents.Json(slowEvents[^2]).GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task StreamCompletion_ThousandClientsDisconnect_NoSequenceSubscriptionOrActivationLeft()
    {
        using (var warm = await host.Http.PostJsonAsync("v1/completions", """{"model":"test-fast","prompt":"warm","max_tokens":2,"stream":true}"""))
            warm.EnsureSuccessStatusCode();
        var before = await host.ActivationsAsync();

        await Parallel.ForEachAsync(Enumerable.Range(0, 1000), new ParallelOptions { MaxDegreeOfParallelism = 10 }, async (i, _) =>
        {
            using var response = await host.Leaving.PostJsonAsync(
                "v1/completions", $$"""{"model":"test-fast","prompt":"leave {{i}}","max_tokens":1000,"stream":true}""", HttpCompletionOption.ResponseHeadersRead);
            // An error answer has no events: say which, so a failure here names its cause.
            Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            await using var events = ServerSentEvents.ReadDataAsync(response).GetAsyncEnumerator();
            Assert.True(await events.MoveNextAsync(), "the stream ended before its first event");
        });

        await HttpJson.EventuallyAsync(async () => await host.InFlightAsync(TestCatalog.Fast) == 0, TimeSpan.FromSeconds(30), "every abandoned sequence leaves the engine");
        await HttpJson.EventuallyAsync(() => host.Services.GetRequiredService<TokenStreamHub>().OpenRequests == 0, TimeSpan.FromSeconds(30), "every request has left its host's token streams");
        await HttpJson.EventuallyAsync(
            // Other models' lifecycles may add an activation or two meanwhile; one per request would add a thousand.
            async () => (await host.ActivationsAsync()).All(type => type.Value - before.GetValueOrDefault(type.Key) < 10),
            TimeSpan.FromSeconds(20), "no grain type kept an activation per request");
    }

    /// <summary>A client whose socket takes in 4 KB at most until it reads, so the server's writes back up soon.</summary>
    private static HttpClient SlowClient(Uri baseAddress) => new(new SocketsHttpHandler
    {
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true, ReceiveBufferSize = 4096 };
            await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        },
    })
    { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
}
