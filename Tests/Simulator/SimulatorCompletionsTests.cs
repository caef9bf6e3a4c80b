using System.Net;
using System.Text.Json;
using Orleans.Inference.Tests.Infrastructure;

namespace Orleans.Inference.Tests.Simulator;

/// <summary><c>POST /v1/completions</c> on the real Simulator process, over loopback.</summary>
[Collection(SimulatorCollection.Name)]
public sealed class SimulatorCompletionsTests(SimulatorFixture fixture)
{
    private SimulatorProcess Simulator => fixture.Simulator;

    [Fact]
    public async Task Completion_StringPrompt_ReturnsVllmShapedCompletion()
    {
        using var response = await Simulator.Http.PostJsonAsync("v1/completions", """{"model":"sim","prompt":"Once upon a time","max_tokens":6,"seed":3}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.StartsWith("cmpl-", body.GetProperty("id").GetString());
        Assert.Equal("text_completion", body.GetProperty("object").GetString());
        Assert.Equal("sim", body.GetProperty("model").GetString());
        Assert.True(body.GetProperty("created").GetInt64() > 0);
        var choice = Assert.Single(body.GetProperty("choices").EnumerateArray());
        Assert.Equal(0, choice.GetProperty("index").GetInt32());
        Assert.Equal(6, Words(choice.GetProperty("text").GetString()));
        Assert.Equal(JsonValueKind.Null, choice.GetProperty("logprobs").ValueKind);
        Assert.Equal("length", choice.GetProperty("finish_reason").GetString());
        AssertUsage(body.GetProperty("usage"), prompt: 4, completion: 6);
    }

    [Fact]
    public async Task Completion_PromptArray_ReturnsOneChoicePerPromptInOrderWithSummedUsage()
    {
        string[] prompts = ["first prompt", "second", "a third prompt here"];
        var singles = new List<string>();
        foreach (var prompt in prompts) singles.Add(await CompleteAsync($$"""{"model":"sim-instant","prompt":"{{prompt}}","max_tokens":5,"seed":9}"""));
        var before = await Simulator.GetStatsAsync();

        using var response = await Simulator.Http.PostJsonAsync(
            "v1/completions", """{"model":"sim-instant","prompt":["first prompt","second","a third prompt here"],"max_tokens":5,"seed":9}""");

        var body = await response.ReadJsonAsync();
        var choices = body.GetProperty("choices").EnumerateArray().ToList();
        Assert.Equal(3, choices.Count);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(i, choices[i].GetProperty("index").GetInt32());
            Assert.Equal(singles[i], choices[i].GetProperty("text").GetString());
        }

        AssertUsage(body.GetProperty("usage"), prompt: 2 + 1 + 4, completion: 3 * 5);
        var after = await Simulator.GetStatsAsync();
        Assert.Equal(before.Batches + 1, after.Batches);
        Assert.Equal(before.Sequences + 3, after.Sequences);
    }

    [Fact]
    public async Task Completion_StreamedPromptArray_InterleavesOneChoiceChunksWithPerChoiceUsageThenSummaryThenDone()
    {
        const string Body = """{"model":"sim","prompt":["one two","three four five","six"],"max_tokens":20,"seed":2""";
        var whole = (await (await Simulator.Http.PostJsonAsync("v1/completions", Body + "}")).ReadJsonAsync()).GetProperty("choices");

        using var response = await Simulator.Http.PostJsonAsync(
            "v1/completions", Body + ""","stream":true,"stream_options":{"include_usage":true,"continuous_usage_stats":true}}""",
            HttpCompletionOption.ResponseHeadersRead);
        var events = await ServerSentEvents.ReadAllDataAsync(response);

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("[DONE]", events[^1]);
        var chunks = events[..^1].Select(ServerSentEvents.Json).ToList();
        Assert.Single(chunks.Select(c => c.GetProperty("id").GetString()).Distinct());
        Assert.All(chunks, c => Assert.Equal("text_completion", c.GetProperty("object").GetString()));
        int[] promptTokens = [2, 3, 1];
        var texts = new string[3];
        var indexes = new List<int>();
        var finished = new HashSet<int>();
        foreach (var chunk in chunks[..^1])
        {
            var choice = Assert.Single(chunk.GetProperty("choices").EnumerateArray());
            var index = choice.GetProperty("index").GetInt32();
            Assert.DoesNotContain(index, finished);
            indexes.Add(index);
            texts[index] += choice.GetProperty("text").GetString();
            AssertUsage(chunk.GetProperty("usage"), promptTokens[index], Words(texts[index]));
            if (choice.GetProperty("finish_reason").GetString() is not { } reason) continue;
            Assert.Equal("length", reason);
            Assert.Equal(20, Words(texts[index]));
            finished.Add(index);
        }

        Assert.Equal(3, finished.Count);
        for (var i = 0; i < 3; i++) Assert.Equal(whole[i].GetProperty("text").GetString(), texts[i]);
        Assert.NotEqual(indexes.Order(), indexes);
        Assert.Empty(chunks[^1].GetProperty("choices").EnumerateArray());
        AssertUsage(chunks[^1].GetProperty("usage"), prompt: 6, completion: 60);
    }

    [Fact]
    public async Task Completion_StreamedWithoutStreamOptions_HasNoUsage()
    {
        using var response = await Simulator.Http.PostJsonAsync(
            "v1/completions", """{"model":"sim-instant","prompt":"plain","max_tokens":4,"stream":true}""", HttpCompletionOption.ResponseHeadersRead);
        var events = await ServerSentEvents.ReadAllDataAsync(response);

        Assert.Equal("[DONE]", events[^1]);
        var chunks = events[..^1].Select(ServerSentEvents.Json).ToList();
        Assert.All(chunks, c => Assert.False(c.TryGetProperty("usage", out _)));
        Assert.Equal("length", chunks[^1].GetProperty("choices")[0].GetProperty("finish_reason").GetString());
    }

    [Fact]
    public async Task Completion_StopSequence_EndsBeforeItWithFinishReasonStop()
    {
        var full = await CompleteAsync("""{"model":"sim-instant","prompt":"stop test","max_tokens":30,"seed":11}""");
        var stop = " " + full.Split(' ', StringSplitOptions.RemoveEmptyEntries)[6];

        using var response = await Simulator.Http.PostJsonAsync(
            "v1/completions", $$"""{"model":"sim-instant","prompt":"stop test","max_tokens":30,"seed":11,"stop":"{{stop}}"}""");

        var choice = (await response.ReadJsonAsync()).GetProperty("choices")[0];
        Assert.Equal(full[..full.IndexOf(stop, StringComparison.Ordinal)], choice.GetProperty("text").GetString());
        Assert.Equal("stop", choice.GetProperty("finish_reason").GetString());
    }

    internal static void AssertUsage(JsonElement usage, int prompt, int completion)
    {
        Assert.Equal(prompt, usage.GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(completion, usage.GetProperty("completion_tokens").GetInt32());
        Assert.Equal(prompt + completion, usage.GetProperty("total_tokens").GetInt32());
    }

    /// <summary>The simulated tokenizer's count: one token a word.</summary>
    internal static int Words(string? text) => text?.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length ?? 0;

    private async Task<string> CompleteAsync(string json)
    {
        using var response = await Simulator.Http.PostJsonAsync("v1/completions", json);
        response.EnsureSuccessStatusCode();
        return (await response.ReadJsonAsync()).GetProperty("choices")[0].GetProperty("text").GetString()!;
    }
}
