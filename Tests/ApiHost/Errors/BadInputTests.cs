using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Orleans.Inference.ApiHost.Requests;
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
        { "v1/completions", "", HttpStatusCode.BadRequest, null },
        { "v1/completions", "null", HttpStatusCode.BadRequest, null },
        { "v1/completions", """{"model":5,"prompt":"x"}""", HttpStatusCode.BadRequest, "model" },
        { "v1/completions", """{"model":"test-free","prompt":"x","stream":null}""", HttpStatusCode.BadRequest, "stream" },
        { "v1/completions", """{"model":"test-free","prompt":"x","stream_options":"yes"}""", HttpStatusCode.BadRequest, "stream_options" },
        { "v1/completions", """{"model":"test-free","prompt":"x","seed":1e30}""", HttpStatusCode.BadRequest, "seed" },
        { "v1/completions", """{"model":"test-free","prompt":"x","temperature":1e400}""", HttpStatusCode.BadRequest, "temperature" },
        { "v1/completions", """{"model":"test-free","prompt":"x","max_tokens":1.5}""", HttpStatusCode.BadRequest, "max_tokens" },
        { "v1/completions", """{"model":"test-free","prompt":"x","stop":["a",""]}""", HttpStatusCode.BadRequest, "stop" },
        { "v1/completions", """{"model":"test-free","prompt":"x","stop":[null]}""", HttpStatusCode.BadRequest, "stop" },
        { "v1/chat/completions", """{"model":"test-free"}""", HttpStatusCode.BadRequest, "messages" },
        { "v1/chat/completions", """{"model":"test-free","messages":[]}""", HttpStatusCode.BadRequest, "messages" },
        { "v1/chat/completions", """{"model":"test-free","messages":"hi"}""", HttpStatusCode.BadRequest, "messages" },
        { "v1/chat/completions", """{"model":"test-free","messages":[null]}""", HttpStatusCode.BadRequest, "messages[0].role" },
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
        var error = await response.ReadErrorAsync();
        Assert.Equal(param, error.GetProperty("param").GetString());
    }

    [Fact]
    public async Task Post_NotJson_Returns415InErrorShape()
    {
        using var content = new StringContent("model=x", Encoding.UTF8, new MediaTypeHeaderValue("application/x-www-form-urlencoded"));
        using var response = await host.Http.PostAsync("v1/completions", content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        await response.ReadErrorAsync();
    }

    [Fact]
    public async Task Get_UnknownRoute_Returns404InErrorShape()
    {
        using var response = await host.Http.GetAsync("v1/nothing-here");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await response.ReadErrorAsync();
    }

    [Fact]
    public async Task Post_NoContentType_Returns415InErrorShape()
    {
        using var response = await host.Http.PostBytesAsync("v1/completions", """{"model":"test-free","prompt":"x"}"""u8.ToArray(), contentType: null);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("unsupported_media_type", (await response.ReadErrorAsync()).GetProperty("code").GetString());
    }

    /// <summary>Path, a body ({bad} stands for bytes that are not UTF-8), the field named, and what the message says is wrong.</summary>
    public static TheoryData<string, string, string, string> UndecodableTextCases => new()
    {
        { "v1/completions", """{"model":"test-free","prompt":"a{bad}b"}""", "prompt", "not valid UTF-8" },
        { "v1/completions", """{"model":"test-free","prompt":["a{bad}b"]}""", "prompt", "not valid UTF-8" },
        { "v1/completions", """{"model":"test-fr{bad}ee","prompt":"x"}""", "model", "not valid UTF-8" },
        { "v1/completions", """{"model":"test-free","prompt":"x","stop":["a{bad}b"]}""", "stop", "not valid UTF-8" },
        { "v1/chat/completions", """{"model":"test-free","messages":[{"role":"user","content":"a{bad}b"}]}""", "messages[0].content", "not valid UTF-8" },
        { "v1/chat/completions", """{"model":"test-free","messages":[{"role":"us{bad}er","content":"x"}]}""", "messages[0].role", "not valid UTF-8" },
        { "v1/completions", """{"model":"test-free","prompt":"\ud800"}""", "prompt", "unpaired surrogate" },
        { "v1/completions", """{"model":"test-free","prompt":["x\udc00"]}""", "prompt", "unpaired surrogate" },
        { "v1/chat/completions", """{"model":"test-free","messages":[{"role":"user","content":"\ud83d"}]}""", "messages[0].content", "unpaired surrogate" },
    };

    [Theory]
    [MemberData(nameof(UndecodableTextCases))]
    public async Task Post_UndecodableText_Returns400NamingTheField(string path, string body, string param, string reason)
    {
        // A truncated two-byte sequence, then a byte that never occurs in UTF-8.
        var parts = body.Split("{bad}");
        byte[] bytes = parts.Length == 1 ? Encoding.UTF8.GetBytes(body) : [.. Encoding.UTF8.GetBytes(parts[0]), 0xC3, 0x28, 0xFF, .. Encoding.UTF8.GetBytes(parts[1])];

        using var response = await host.Http.PostBytesAsync(path, bytes);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await response.ReadErrorAsync();
        Assert.Equal(param, error.GetProperty("param").GetString());
        Assert.Contains(reason, error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Post_InvalidUtf8OutsideAString_Returns400()
    {
        byte[] body = [.. """{"model":"test-free","prompt":"x"}"""u8, 0xFF];

        using var response = await host.Http.PostBytesAsync("v1/completions", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null((await response.ReadErrorAsync()).GetProperty("param").GetString());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Post_TenMegabyteBody_Returns413InErrorShape_AndTheServerCarriesOn(bool chunked)
    {
        // Valid JSON: only its size is wrong. Chunked, Kestrel learns the size only as it reads.
        var body = Encoding.UTF8.GetBytes($$"""{"model":"test-free","max_tokens":1,"prompt":"{{new string('a', 10_000_000)}}"}""");
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        using var response = await host.Http.PostBytesAsync("v1/completions", body, chunked: chunked, cancellationToken: deadline.Token);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var error = await response.ReadErrorAsync();
        Assert.Equal("request_too_large", error.GetProperty("code").GetString());
        Assert.Contains(new LimitsOptions().MaxRequestBodyBytes.ToString(), error.GetProperty("message").GetString());
        using var next = await host.Http.PostJsonAsync("v1/completions", """{"model":"test-free","prompt":"x"}""", cancellationToken: deadline.Token);
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
    }

    [Fact]
    public async Task Post_TenThousandPrompts_Returns400NamingPrompt()
    {
        var prompts = string.Join(",", Enumerable.Repeat("\"p\"", 10_000));

        using var response = await host.Http.PostJsonAsync("v1/completions", $$"""{"model":"test-free","prompt":[{{prompts}}]}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await response.ReadErrorAsync();
        Assert.Equal("prompt", error.GetProperty("param").GetString());
        Assert.Equal("array_above_max_length", error.GetProperty("code").GetString());
        Assert.Contains($"maximum length {new LimitsOptions().MaxPromptsPerRequest},", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Post_MoreMessagesThanTheLimit_Returns400NamingMessages()
    {
        var limit = new LimitsOptions().MaxMessagesPerRequest;
        var messages = string.Join(",", Enumerable.Repeat("""{"role":"user","content":"x"}""", limit + 1));

        using var response = await host.Http.PostJsonAsync("v1/chat/completions", $$"""{"model":"test-free","messages":[{{messages}}]}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await response.ReadErrorAsync();
        Assert.Equal("messages", error.GetProperty("param").GetString());
        Assert.Equal("array_above_max_length", error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Post_BodyThatStopsShortOfItsLength_Returns408InErrorShape_WithinSeconds()
    {
        // HttpClient will not send fewer bytes than it declares, so this client speaks HTTP itself, and then goes quiet.
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(host.BaseAddress.Host, host.BaseAddress.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            "POST /v1/completions HTTP/1.1\r\nHost: gateway\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n" +
            """{"model":"test-free","prompt":"x"""));

        // Kestrel's MinRequestBodyDataRate gives up on it after a 5 s grace period.
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var response = await new StreamReader(stream).ReadToEndAsync(deadline.Token);

        Assert.StartsWith("HTTP/1.1 408", response, StringComparison.Ordinal);
        Assert.Contains("""{"error":{"message":"Reading the request body timed out""", response, StringComparison.Ordinal);
    }

    /// <summary>Path, a body with {deep} where 10,000 levels of nesting go, and the field they fall in.</summary>
    public static TheoryData<string, string, string> DeeplyNestedCases => new()
    {
        { "v1/completions", """{"model":"test-free","prompt":{deep}}""", "prompt" },
        { "v1/completions", """{"model":"test-free","prompt":"x","metadata":{deep}}""", "metadata" },
        { "v1/chat/completions", """{"model":"test-free","messages":[{"role":"user","content":{deep}}]}""", "messages[0].content" },
    };

    [Theory]
    [MemberData(nameof(DeeplyNestedCases))]
    public async Task Post_DeeplyNestedJson_Returns400NamingTheField(string path, string template, string param)
    {
        foreach (var deep in new[] { new string('[', 10_000) + new string(']', 10_000), string.Concat(Enumerable.Repeat("""{"a":""", 10_000)) + "1" + new string('}', 10_000) })
        {
            using var response = await host.Http.PostJsonAsync(path, template.Replace("{deep}", deep, StringComparison.Ordinal));

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var error = await response.ReadErrorAsync();
            Assert.Equal(param, error.GetProperty("param").GetString());
            Assert.Contains("depth", error.GetProperty("message").GetString());
        }
    }

    [Fact]
    public async Task Post_ModelThatDoesNotLoadOnDemand_Returns503WithRetryAfter()
    {
        using var response = await host.Http.PostJsonAsync("v1/completions", """{"model":"test-manual","prompt":"x"}""");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Equal("model_not_ready", (await response.ReadErrorAsync()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Post_MorePromptsThanTheModelsQueueHolds_Returns400_NotA429ThatRetryingCannotFix()
    {
        using var response = await host.Http.PostJsonAsync(
            "v1/completions", $$"""{"model":"{{TestCatalog.TinyQueue}}","prompt":["a","b","c"],"max_tokens":1}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await response.ReadErrorAsync();
        Assert.Equal("prompt", error.GetProperty("param").GetString());
        Assert.Equal("array_above_max_length", error.GetProperty("code").GetString());
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
        Assert.Equal("queue_full", (await refused[0].ReadErrorAsync()).GetProperty("code").GetString());
    }
}
