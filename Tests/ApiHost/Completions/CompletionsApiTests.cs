using System.Net;
using System.Text.Json;
using Orleans.Inference.Tests.Infrastructure;

namespace Orleans.Inference.Tests.ApiHost.Completions;

[Collection(ApiHostCollection.Name)]
public sealed class CompletionsApiTests(ApiHostFactory host)
{
    [Fact]
    public async Task Post_SinglePrompt_ReturnsOpenAiShapedCompletion()
    {
        using var response = await host.Http.PostJsonAsync(
            "v1/completions", $$"""{"model":"{{TestCatalog.Free}}","prompt":"Once upon a time","max_tokens":12,"seed":5}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.StartsWith("cmpl-", body.GetProperty("id").GetString());
        Assert.Equal("text_completion", body.GetProperty("object").GetString());
        Assert.Equal(TestCatalog.Free, body.GetProperty("model").GetString());
        Assert.InRange(body.GetProperty("created").GetInt64(), DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        var choice = Assert.Single(body.GetProperty("choices").EnumerateArray());
        Assert.Equal(0, choice.GetProperty("index").GetInt32());
        Assert.Equal("length", choice.GetProperty("finish_reason").GetString());
        Assert.Equal(JsonValueKind.Null, choice.GetProperty("logprobs").ValueKind);
        Assert.Equal(12, choice.GetProperty("text").GetString()!.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);
        var usage = body.GetProperty("usage");
        Assert.Equal(4, usage.GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(12, usage.GetProperty("completion_tokens").GetInt32());
        Assert.Equal(16, usage.GetProperty("total_tokens").GetInt32());
    }

    [Fact]
    public async Task Post_PromptArray_ReturnsOneChoicePerPromptIndexedByPrompt()
    {
        string[] prompts = ["first prompt", "second", "a third prompt here"];
        var singles = new List<string>();
        foreach (var prompt in prompts) singles.Add(await CompleteTextAsync($$"""{"model":"{{TestCatalog.Free}}","prompt":"{{prompt}}","seed":9}"""));

        using var response = await host.Http.PostJsonAsync(
            "v1/completions", $$"""{"model":"{{TestCatalog.Free}}","prompt":["first prompt","second","a third prompt here"],"seed":9}""");

        var body = await response.ReadJsonAsync();
        var choices = body.GetProperty("choices").EnumerateArray().ToList();
        Assert.Equal(3, choices.Count);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(i, choices[i].GetProperty("index").GetInt32());
            Assert.Equal(singles[i], choices[i].GetProperty("text").GetString());
        }

        Assert.Equal(3 * 16, body.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
        Assert.Equal(2 + 1 + 4, body.GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
    }

    [Fact]
    public async Task Post_StopSequence_EndsBeforeItWithFinishReasonStop()
    {
        var full = await CompleteTextAsync($$"""{"model":"{{TestCatalog.Free}}","prompt":"stop test","max_tokens":30,"seed":11}""");
        var words = full.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var stop = " " + words[6];
        var expected = full[..full.IndexOf(stop, StringComparison.Ordinal)];

        using var response = await host.Http.PostJsonAsync(
            "v1/completions", $$"""{"model":"{{TestCatalog.Free}}","prompt":"stop test","max_tokens":30,"seed":11,"stop":["{{stop}}"]}""");

        var choice = (await response.ReadJsonAsync()).GetProperty("choices")[0];
        Assert.Equal(expected, choice.GetProperty("text").GetString());
        Assert.Equal("stop", choice.GetProperty("finish_reason").GetString());
    }

    private async Task<string> CompleteTextAsync(string json)
    {
        using var response = await host.Http.PostJsonAsync("v1/completions", json);
        response.EnsureSuccessStatusCode();
        return (await response.ReadJsonAsync()).GetProperty("choices")[0].GetProperty("text").GetString()!;
    }
}
