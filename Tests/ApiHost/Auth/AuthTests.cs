using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Orleans.Inference.Tests.Infrastructure;

namespace Orleans.Inference.Tests.ApiHost.Auth;

/// <summary>API keys over real HTTP: who may call what, and the 401 and 403 in OpenAI's error shape otherwise.</summary>
[Collection(AuthApiHostCollection.Name)]
public sealed class AuthTests(AuthApiHostFactory host)
{
    private const string Completion = """{"model":"test-free","prompt":"Hello","max_tokens":3}""";

    [Theory]
    [InlineData("POST", "v1/completions")]
    [InlineData("POST", "v1/chat/completions")]
    [InlineData("GET", "v1/models")]
    [InlineData("GET", "v1/models/test-free")]
    [InlineData("GET", "admin/models")]
    [InlineData("POST", "admin/models/test-manual/load")]
    public async Task Request_WithoutAuthorization_Returns401MissingKeyWithWwwAuthenticateBearer(string method, string path)
    {
        using var response = method == "GET" ? await host.Http.GetAsync(path) : await host.Http.PostJsonAsync(path, Completion);

        var error = await AssertErrorAsync(response, HttpStatusCode.Unauthorized, "invalid_request_error", "missing_api_key");
        Assert.Contains("Authorization: Bearer", error.GetProperty("message").GetString());
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).ToString());
    }

    [Fact]
    public async Task Completions_WithWrongKey_Returns401InvalidApiKey()
    {
        using var response = await host.ClientFor("sk-test-wrong-0a1b2c3d4e5f").PostJsonAsync("v1/completions", Completion);

        var error = await AssertErrorAsync(response, HttpStatusCode.Unauthorized, "invalid_request_error", "invalid_api_key");
        Assert.Equal("Incorrect API key provided.", error.GetProperty("message").GetString());
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("Bearer", challenge.Scheme);
        Assert.Equal("error=\"invalid_token\"", challenge.Parameter);
    }

    [Theory]
    [InlineData("Basic " + AuthApiHostFactory.InferenceKey)]
    [InlineData(AuthApiHostFactory.InferenceKey)]
    [InlineData("Bearer")]
    [InlineData("Bearer ")]
    [InlineData("Bearer " + AuthApiHostFactory.InferenceKey + " extra")]
    [InlineData("Bearer" + AuthApiHostFactory.InferenceKey)]
    public async Task Completions_WithMalformedAuthorization_Returns401InvalidAuthorizationHeader(string authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/completions")
        {
            Content = new StringContent(Completion, System.Text.Encoding.UTF8, "application/json"),
        };
        Assert.True(request.Headers.TryAddWithoutValidation("Authorization", authorization));

        using var response = await host.Http.SendAsync(request);

        await AssertErrorAsync(response, HttpStatusCode.Unauthorized, "invalid_request_error", "invalid_authorization_header");
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
    }

    [Fact]
    public async Task Completions_WithTwoAuthorizationHeaders_Returns401InvalidAuthorizationHeader()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "v1/models");
        request.Headers.TryAddWithoutValidation("Authorization", new[] { $"Bearer {AuthApiHostFactory.InferenceKey}", $"Bearer {AuthApiHostFactory.AdminKey}" });

        using var response = await host.Http.SendAsync(request);

        await AssertErrorAsync(response, HttpStatusCode.Unauthorized, "invalid_request_error", "invalid_authorization_header");
    }

    [Theory]
    [InlineData(AuthApiHostFactory.InferenceKey)]
    [InlineData(AuthApiHostFactory.NamedInferenceKey)]
    [InlineData(AuthApiHostFactory.AdminKey)]
    public async Task Completions_WithAnyConfiguredKey_ReturnsTheCompletion(string key)
    {
        using var response = await host.ClientFor(key).PostJsonAsync("v1/completions", Completion);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("length", (await response.ReadJsonAsync()).GetProperty("choices")[0].GetProperty("finish_reason").GetString());
    }

    [Fact]
    public async Task Completions_WithLowerCaseSchemeAndSpaces_ReturnsTheCompletion()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "v1/models");
        request.Headers.TryAddWithoutValidation("Authorization", $"bearer   {AuthApiHostFactory.InferenceKey}");

        using var response = await host.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("GET", "admin/models")]
    [InlineData("GET", "admin/models/test-free")]
    [InlineData("POST", "admin/models/test-manual/load")]
    [InlineData("POST", "admin/models/test-manual/unload")]
    public async Task AdminApi_WithInferenceKey_Returns403InsufficientPermissions(string method, string path)
    {
        using var response = await host.ClientFor(AuthApiHostFactory.InferenceKey).SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        await AssertErrorAsync(response, HttpStatusCode.Forbidden, "invalid_request_error", "insufficient_permissions");
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("error=\"insufficient_scope\"", challenge.Parameter);
    }

    [Fact]
    public async Task AdminApi_WithAdminKey_ListsTheModels()
    {
        using var response = await host.ClientFor(AuthApiHostFactory.AdminKey).GetAsync("admin/models");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains((await response.ReadJsonAsync()).GetProperty("data").EnumerateArray(), model => model.GetProperty("id").GetString() == TestCatalog.Free);
    }

    [Theory]
    [InlineData("health/live")]
    [InlineData("health/ready")]
    [InlineData("metrics")]
    [InlineData("dashboard/stats")]
    [InlineData("dashboard")]
    [InlineData("swagger/v1/swagger.json")]
    public async Task OpenEndpoint_WithoutKey_Answers(string path)
    {
        using var response = await host.Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task OpenEndpoint_WithWrongKey_StillAnswers()
    {
        using var response = await host.ClientFor("sk-test-wrong-for-health").GetAsync("health/live");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task UnknownPath_WithoutKey_Returns404InTheErrorShape()
    {
        using var response = await host.Http.GetAsync("v1/no-such-endpoint");

        await AssertErrorAsync(response, HttpStatusCode.NotFound, "invalid_request_error", null);
    }

    [Fact]
    public async Task SwaggerDocument_WithKeys_DeclaresTheBearerSchemeOnTheEndpointsThatNeedIt()
    {
        using var response = await host.Http.GetAsync("swagger/v1/swagger.json");
        var document = await response.ReadJsonAsync();

        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        Assert.Equal("http", scheme.GetProperty("type").GetString());
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());
        var paths = document.GetProperty("paths");
        Assert.True(RequiresBearer(paths.GetProperty("/v1/completions").GetProperty("post")));
        Assert.True(RequiresBearer(paths.GetProperty("/v1/models").GetProperty("get")));
        var load = paths.GetProperty("/admin/models/{id}/load").GetProperty("post");
        Assert.True(RequiresBearer(load));
        Assert.True(load.GetProperty("responses").TryGetProperty("403", out _));
        Assert.True(paths.GetProperty("/v1/chat/completions").GetProperty("post").GetProperty("responses").TryGetProperty("429", out _));
        Assert.False(RequiresBearer(paths.GetProperty("/dashboard/stats").GetProperty("get"))); // open, like /metrics
    }

    [Fact]
    public async Task Logs_AfterGoodBadAndMalformedKeys_NeverContainAKey()
    {
        var wrong = "sk-test-wrong-9f8e7d6c5b4a";
        foreach (var key in new[] { AuthApiHostFactory.InferenceKey, AuthApiHostFactory.AdminKey, AuthApiHostFactory.NamedInferenceKey, wrong })
        {
            using var completion = await host.ClientFor(key).PostJsonAsync("v1/completions", Completion);
            using var admin = await host.ClientFor(key).GetAsync("admin/models");
            using var health = await host.ClientFor(key).GetAsync("health/ready");
            using var malformed = new HttpRequestMessage(HttpMethod.Get, "v1/models");
            malformed.Headers.TryAddWithoutValidation("Authorization", $"Token {key}");
            using var refused = await host.Http.SendAsync(malformed);
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        for (var i = 0; i <= AuthApiHostFactory.RateBurst; i++)
        {
            using var rated = await host.ClientFor(AuthApiHostFactory.RateKeyC).GetAsync("v1/models");
        }

        var entries = host.Logs.Entries.ToList();
        Assert.Contains(entries, entry => entry.Contains("[3200] API keys required", StringComparison.Ordinal));
        Assert.Contains(entries, entry => entry.Contains("Request starting", StringComparison.Ordinal)); // requests were logged in detail
        foreach (var key in new[]
        {
            AuthApiHostFactory.InferenceKey, AuthApiHostFactory.NamedInferenceKey, AuthApiHostFactory.AdminKey, AuthApiHostFactory.RateKeyC, wrong,
        })
        {
            // Long enough to be the key, short enough to catch a masked or truncated one.
            Assert.DoesNotContain(entries, entry => entry.Contains(key[8..], StringComparison.Ordinal));
        }
    }

    private static bool RequiresBearer(JsonElement operation) =>
        operation.TryGetProperty("security", out var security)
        && security.EnumerateArray().Any(requirement => requirement.TryGetProperty("Bearer", out _));

    private static async Task<JsonElement> AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string type, string? code)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal(new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" }, response.Content.Headers.ContentType);
        var error = (await response.ReadJsonAsync()).GetProperty("error");
        Assert.Equal(type, error.GetProperty("type").GetString());
        Assert.Equal(JsonValueKind.Null, error.GetProperty("param").ValueKind);
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
        return error;
    }
}
