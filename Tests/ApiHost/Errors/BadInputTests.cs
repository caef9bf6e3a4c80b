using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Orleans.Inference.Tests.Infrastructure;

namespace Orleans.Inference.Tests.ApiHost.Errors;

/// <summary>Every way a body can be wrong gets a 4xx in OpenAI's error shape, naming the field where there is one.</summary>
[Collection(ApiHostCollection.Name)]
public sealed class BadInputTests(ApiHostFactory host)
{
    public static TheoryData<string, string, HttpStatusCode, string?> Cases => new()
    {
        { "v1/completions", """"{"model":"test-free","prompt":"x"""", HttpStatusCode.BadRequest, "prompt" },
        { "v1/completions", """[1,2]""", HttpStatusCode.BadRequest, null },
        { "v1/completions", """{"prompt":"x"}""", HttpStatusCode.BadRequest, "model" },
        { "v1/completions", """{"model":"test-free"}""", HttpStatusCode.BadRequest, "prompt" },
        { "v1/completions", """{"model":"test-free","prompt":[]}""", HttpStatusCode.BadRequest, "prompt" },
        { "v1/completions", """{"model":"test-free","prompt":[1,2,3]}""", HttpStatusCode.BadRequest, "prompt" },
        { "v1/completions", """{"model":"test-free","prompt":{"a":1}}""", HttpStatusCode.BadRequest, "prompt" },
        { "v1/completions", """{"model":"test-free","prompt":"x","max_tokens":"many"}""", HttpStatusCode.BadRequest, "max_tokens" },
        { "v1/completions", """{"model":"test-free","prompt":"x","max_tokens":0}""", HttpStatusCode.BadRequest, "max_tokens" },
        { "v1/completions", """{"model":"test-free","prompt":"x","max_tokens":100000}""", HttpStatusCode.BadRequest, "max_tokens" },
        { "v1/completions", """{"model":"test-free","prompt":"x","temperature":2.5}""", HttpStatusCode.BadRequest, "temperature" },
        { "v1/completions", """{"model":"test-free","prompt":"x","top_p":-0.1}""", HttpStatusCode.BadRequest, "top_p" },
        { "v1/completions", """{"model":"test-free","prompt":"x","n":2}""", HttpStatusCode.BadRequest, "n" },
        { "v1/completions", """{"model":"test-free","prompt":"x","stop":["a","b","c","d","e"]}""", HttpStatusCode.BadRequest, "stop" },
        { "v1/completions", """{"model":"no-such-model","prompt":"x"}""", HttpStatusCode.NotFound, "model" },
        { "v1/chat/completions", """{"model":"test-free"}""", HttpStatusCode.BadRequest, "messages" },
        { "v1/chat/completions", """{"model":"test-free","messages":[]}""", HttpStatusCode.BadRequest, "messages" },
        { "v1/chat/completions", """{"model":"test-free","messages":[{"role":"wizard","content":"x"}]}""", HttpStatusCode.BadRequest, "messages[0].role" },
        { "v1/chat/completions", """{"model":"test-free","messages":[{"role":"user"}]}""", HttpStatusCode.BadRequest, "messages[0].content" },
        { "v1/chat/completions", """{"model":"test-free","messages":[{"role":"user","content":[{"type":"image_url"}]}]}""", HttpStatusCode.BadRequest, "messages[0].content" },
        { "v1/chat/completions", """{"model":"test-free","messages":[{"role":"user","content":"x"}],"max_completion_tokens":-3}""", HttpStatusCode.BadRequest, "max_completion_tokens" },
        { "v1/chat/completions", """{"model":"no-such-model","messages":[{"role":"user","content":"x"}]}""", HttpStatusCode.NotFound, "model" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Post_BadBody_ReturnsOpenAiErrorNamingTheField(string path, string body, HttpStatusCode status, string? param)
    {
        using var response = await host.Http.PostJsonAsync(path, body);

        Assert.Equal(status, response.StatusCode);
        var error = await ReadErrorAsync(response);
        Assert.Equal(param, error.GetProperty("param").GetString());
    }

    [Fact]
    public async Task Post_NotJson_Returns415InErrorShape()
    {
        using var content = new StringContent("model=x", Encoding.UTF8, new MediaTypeHeaderValue("application/x-www-form-urlencoded"));
        using var response = await host.Http.PostAsync("v1/completions", content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        await ReadErrorAsync(response);
    }

    [Fact]
    public async Task Get_UnknownRoute_Returns404InErrorShape()
    {
        using var response = await host.Http.GetAsync("v1/nothing-here");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await ReadErrorAsync(response);
    }

    [Fact]
    public async Task Post_ModelThatDoesNotLoadOnDemand_Returns503WithRetryAfter()
    {
        using var response = await host.Http.PostJsonAsync("v1/completions", """{"model":"test-manual","prompt":"x"}""");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Equal("model_not_ready", (await ReadErrorAsync(response)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Post_PastTheModelsQueueLimit_Returns429WithRetryAfter_AndAcceptedRequestsStillComplete()
    {
        // One runs (10 steps of 20 ms), two may wait: of ten sent together, the rest are refused.
        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            host.Http.PostJsonAsync("v1/completions", $$"""{"model":"{{TestCatalog.TinyQueue}}","prompt":"request {{i}}","max_tokens":10}""")));

        var refused = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.NotEmpty(refused);
        Assert.All(responses.Except(refused), r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.True(responses.Length - refused.Count >= 3, "the running request and the two waiting ones complete");
        Assert.NotNull(refused[0].Headers.RetryAfter);
        Assert.Equal("queue_full", (await ReadErrorAsync(refused[0])).GetProperty("code").GetString());
    }

    private static async Task<JsonElement> ReadErrorAsync(HttpResponseMessage response)
    {
        var error = (await response.ReadJsonAsync()).GetProperty("error");
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
        Assert.False(string.IsNullOrEmpty(error.GetProperty("type").GetString()));
        Assert.True(error.TryGetProperty("param", out _), "param is always present, null when no field is at fault");
        Assert.True(error.TryGetProperty("code", out _), "code is always present");
        return error;
    }
}
