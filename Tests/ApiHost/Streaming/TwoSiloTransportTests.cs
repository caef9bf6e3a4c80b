using Orleans.Inference.Tests.Infrastructure;

namespace Orleans.Inference.Tests.ApiHost.Streaming;

/// <summary>
/// Streaming when the request's batch grain lives on the other silo: tokens, cancellation and errors cross silos.
/// Every token transport runs all of it (<see cref="GrainCallTwoSiloTests"/>, <see cref="OrleansStreamsTwoSiloTests"/>).
/// </summary>
public abstract class TwoSiloTransportTests(TwoSiloApiHostFactory host) : IAsyncLifetime
{
    public Task InitializeAsync() => host.PlaceModelOnSecondSiloAsync(TestCatalog.Remote);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task StreamCompletion_BatchGrainOnOtherSilo_TokensInOrderAndTheBatchRanThere()
    {
        const string Body = """"{"model":"test-remote","prompt":"across silos","max_tokens":12,"seed":9"""";
        using var whole = await host.Http.PostJsonAsync("v1/completions", Body + "}");
        var expected = (await whole.ReadJsonAsync()).GetProperty("choices")[0].GetProperty("text").GetString();
        var remoteSteps = host.SecondSiloStepsOf(TestCatalog.Remote);

        using var response = await host.Http.PostJsonAsync(
            "v1/completions", Body + ""","stream":true,"stream_options":{"include_usage":true}}""", HttpCompletionOption.ResponseHeadersRead);
        var events = await ServerSentEvents.ReadAllDataAsync(response);

        Assert.Equal("[DONE]", events[^1]);
        var chunks = events[..^1].Select(ServerSentEvents.Json).ToList();
        Assert.True(chunks.Count > 2, "tokens of a paced model arrive in several chunks");
        Assert.Equal(expected, string.Concat(chunks[..^1].Select(c => c.GetProperty("choices")[0].GetProperty("text").GetString())));
        Assert.Equal(12, chunks[^1].GetProperty("usage").GetProperty("completion_tokens").GetInt32());
        Assert.True(host.SecondSiloStepsOf(TestCatalog.Remote) - remoteSteps >= 12, "the engine of the second silo ran the sequence");
        Assert.Equal(0, host.StepsOf(TestCatalog.Remote));
    }

    [Fact]
    public async Task StreamCompletion_ClientDisconnects_SequenceOnOtherSiloStops()
    {
        // The first cancellation in a fresh process also compiles its code paths; the one measured is the second.
        await DisconnectAfterThreeChunksAsync();
        await HttpJson.EventuallyAsync(async () => await host.InFlightAsync(TestCatalog.Remote) == 0, TimeSpan.FromSeconds(10), "the first remote sequence stops");

        var stepsAtDisconnect = await DisconnectAfterThreeChunksAsync();
        await HttpJson.EventuallyAsync(async () => await host.InFlightAsync(TestCatalog.Remote) == 0, TimeSpan.FromSeconds(10), "the remote sequence stops");

        // 25 ms steps: the step under way and the next, which sees the cancellation; warm, that is what it takes. The hop
        // between silos on a CI machine busy with the other test hosts has been seen to cost one or two steps more.
        Assert.InRange(host.SecondSiloStepsOf(TestCatalog.Remote) - stepsAtDisconnect, 0, 4);
    }

    private async Task<long> DisconnectAfterThreeChunksAsync()
    {
        using var response = await host.Leaving.PostJsonAsync(
            "v1/completions", """{"model":"test-remote","prompt":"leave","max_tokens":3000,"stream":true}""", HttpCompletionOption.ResponseHeadersRead);
        await using var events = ServerSentEvents.ReadDataAsync(response).GetAsyncEnumerator();
        for (var i = 0; i < 3; i++) Assert.True(await events.MoveNextAsync());
        return host.SecondSiloStepsOf(TestCatalog.Remote);
    }

    [Fact]
    public async Task StreamCompletion_FailsMidStreamOnOtherSilo_ErrorEventThenDone()
    {
        using var response = await host.Http.PostJsonAsync(
            "v1/completions", """{"model":"test-remote","prompt":"FAIL remotely","max_tokens":10,"stream":true}""", HttpCompletionOption.ResponseHeadersRead);
        var events = await ServerSentEvents.ReadAllDataAsync(response);

        Assert.Equal("[DONE]", events[^1]);
        Assert.Equal("backend_error", ServerSentEvents.Json(events[^2]).GetProperty("error").GetProperty("code").GetString());
        // Tokens that arrive together share an event, so count words, not events: one word a token.
        var text = string.Concat(events[..^2].Select(e => ServerSentEvents.Json(e).GetProperty("choices")[0].GetProperty("text").GetString()));
        Assert.Equal(3, text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(0, host.StepsOf(TestCatalog.Remote));
    }
}
