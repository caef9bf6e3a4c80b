using System.Net;
using System.Text;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Inference.Tests.Infrastructure;

namespace Orleans.Inference.Tests.ApiHost.Errors;

/// <summary>The <c>Inference:Limits</c> settings reach the pipeline: a request at a limit passes, one past it gets its 4xx.</summary>
[Collection(TightLimitsApiHostCollection.Name)]
public sealed class ConfiguredLimitsTests(TightLimitsApiHostFactory host)
{
    [Theory]
    [InlineData("v1/completions", false)]
    [InlineData("v1/completions", true)]
    [InlineData("v1/chat/completions", false)]
    [InlineData("v1/chat/completions", true)]
    public async Task Post_BodyAtTheLimit_Succeeds_AndOneByteMore_Returns413(string path, bool chunked)
    {
        using var atLimit = await host.Http.PostBytesAsync(path, BodyOf(path, TightLimitsApiHostFactory.MaxRequestBodyBytes), chunked: chunked);
        using var pastLimit = await host.Http.PostBytesAsync(path, BodyOf(path, TightLimitsApiHostFactory.MaxRequestBodyBytes + 1), chunked: chunked);

        Assert.Equal(HttpStatusCode.OK, atLimit.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, pastLimit.StatusCode);
        var error = await pastLimit.ReadErrorAsync();
        Assert.Equal("request_too_large", error.GetProperty("code").GetString());
        Assert.Contains($"{TightLimitsApiHostFactory.MaxRequestBodyBytes} bytes", error.GetProperty("message").GetString());
    }

    [Fact]
    public void KestrelLimit_IsTheConfiguredBodyLimit()
    {
        var kestrel = host.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value;

        Assert.Equal(TightLimitsApiHostFactory.MaxRequestBodyBytes, kestrel.Limits.MaxRequestBodySize);
    }

    [Fact]
    public async Task Post_PromptsAtTheLimit_Succeeds_AndOneMore_Returns400NamingPrompt()
    {
        using var atLimit = await host.Http.PostJsonAsync("v1/completions", Prompts(TightLimitsApiHostFactory.MaxPromptsPerRequest));
        using var pastLimit = await host.Http.PostJsonAsync("v1/completions", Prompts(TightLimitsApiHostFactory.MaxPromptsPerRequest + 1));

        Assert.Equal(HttpStatusCode.OK, atLimit.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, pastLimit.StatusCode);
        var error = await pastLimit.ReadErrorAsync();
        Assert.Equal("prompt", error.GetProperty("param").GetString());
        Assert.Equal(
            $"Invalid 'prompt': array too long. Expected an array with maximum length {TightLimitsApiHostFactory.MaxPromptsPerRequest}, " +
            $"but got an array with length {TightLimitsApiHostFactory.MaxPromptsPerRequest + 1} instead.",
            error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Post_MessagesAtTheLimit_Succeeds_AndOneMore_Returns400NamingMessages()
    {
        using var atLimit = await host.Http.PostJsonAsync("v1/chat/completions", Messages(TightLimitsApiHostFactory.MaxMessagesPerRequest));
        using var pastLimit = await host.Http.PostJsonAsync("v1/chat/completions", Messages(TightLimitsApiHostFactory.MaxMessagesPerRequest + 1));

        Assert.Equal(HttpStatusCode.OK, atLimit.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, pastLimit.StatusCode);
        var error = await pastLimit.ReadErrorAsync();
        Assert.Equal("messages", error.GetProperty("param").GetString());
        Assert.Equal("array_above_max_length", error.GetProperty("code").GetString());
    }

    /// <summary>A valid body of exactly <paramref name="size"/> bytes: its prompt or message (which starts with a space) is padded to fit.</summary>
    private static byte[] BodyOf(string path, int size)
    {
        var (before, after) = path == "v1/completions"
            ? ("""{"model":"test-free","max_tokens":1,"prompt":" """, "\"}")
            : ("""{"model":"test-free","max_tokens":1,"messages":[{"role":"user","content":" """, "\"}]}");
        var body = Encoding.UTF8.GetBytes(before + new string('a', size - before.Length - after.Length) + after);
        Assert.Equal(size, body.Length);
        return body;
    }

    private static string Prompts(int count) =>
        $$"""{"model":"test-free","max_tokens":1,"prompt":[{{string.Join(",", Enumerable.Repeat("\"p\"", count))}}]}""";

    private static string Messages(int count) =>
        $$"""{"model":"test-free","max_tokens":1,"messages":[{{string.Join(",", Enumerable.Repeat("""{"role":"user","content":"x"}""", count))}}]}""";
}
