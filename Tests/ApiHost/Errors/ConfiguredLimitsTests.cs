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

    [Theory]
    [InlineData("v1/completions", "prompt", TightLimitsApiHostFactory.MaxPromptsPerRequest)]
    [InlineData("v1/chat/completions", "messages", TightLimitsApiHostFactory.MaxMessagesPerRequest)]
    public async Task Post_ArrayAtTheLimit_Succeeds_AndOneMore_Returns400NamingIt(string path, string param, int limit)
    {
        using var atLimit = await host.Http.PostJsonAsync(path, ArrayOf(param, limit));
        using var pastLimit = await host.Http.PostJsonAsync(path, ArrayOf(param, limit + 1));

        Assert.Equal(HttpStatusCode.OK, atLimit.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, pastLimit.StatusCode);
        var error = await pastLimit.ReadErrorAsync();
        Assert.Equal(param, error.GetProperty("param").GetString());
        Assert.Equal("array_above_max_length", error.GetProperty("code").GetString());
        Assert.Equal(
            $"Invalid '{param}': array too long. Expected an array with maximum length {limit}, but got an array with length {limit + 1} instead.",
            error.GetProperty("message").GetString());
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

    /// <summary>A body whose prompt or messages array holds <paramref name="count"/> entries.</summary>
    private static string ArrayOf(string param, int count)
    {
        var entry = param == "prompt" ? "\"p\"" : """{"role":"user","content":"x"}""";
        return $$"""{"model":"test-free","max_tokens":1,"{{param}}":[{{string.Join(",", Enumerable.Repeat(entry, count))}}]}""";
    }
}
