using System.Net;
using Orleans.Inference.Tests.Infrastructure;

namespace Orleans.Inference.Tests.Simulator;

/// <summary>Bad requests get OpenAI's error shape, naming the parameter at fault.</summary>
[Collection(SimulatorCollection.Name)]
public sealed class SimulatorBadInputTests(SimulatorFixture fixture)
{
    [Theory]
    [InlineData("v1/completions", """{"prompt":"x"}""", "model")]
    [InlineData("v1/completions", """{"model":"sim"}""", "prompt")]
    [InlineData("v1/completions", """{"model":"sim","prompt":[]}""", "prompt")]
    [InlineData("v1/completions", """{"model":"sim","prompt":[1,2]}""", "prompt")]
    [InlineData("v1/completions", """{"model":"sim","prompt":"x","max_tokens":0}""", "max_tokens")]
    [InlineData("v1/completions", """{"model":"sim","prompt":"x","temperature":3}""", "temperature")]
    [InlineData("v1/completions", """{"model":"sim","prompt":"x","top_p":-1}""", "top_p")]
    [InlineData("v1/completions", """{"model":"sim","prompt":"x","n":2}""", "n")]
    [InlineData("v1/completions", """{"model":"sim","prompt":"x","stop":["a","b","c","d","e"]}""", "stop")]
    [InlineData("v1/completions", """{"model":"sim","prompt":"x","stream_options":{"include_usage":true}}""", "stream_options")]
    [InlineData("v1/completions", """{"model":"sim","prompt":"x","max_tokens":"many"}""", "max_tokens")]
    [InlineData("v1/chat/completions", """{"model":"sim"}""", "messages")]
    [InlineData("v1/chat/completions", """{"model":"sim","messages":[{"role":"robot","content":"hi"}]}""", "messages[0].role")]
    [InlineData("v1/chat/completions", """{"model":"sim","messages":[{"role":"user"}]}""", "messages[0].content")]
    public async Task Generation_BadField_Returns400NamingIt(string path, string json, string param)
    {
        using var response = await fixture.Simulator.Http.PostJsonAsync(path, json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await response.ReadJsonAsync()).GetProperty("error");
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Equal(param, error.GetProperty("param").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
        Assert.True(error.TryGetProperty("code", out _));
    }

    [Fact]
    public async Task Generation_MalformedJson_Returns400()
    {
        using var response = await fixture.Simulator.Http.PostJsonAsync("v1/completions", """{"model":"sim","prompt":""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request_error", (await response.ReadJsonAsync()).GetProperty("error").GetProperty("type").GetString());
    }

    [Fact]
    public async Task Generation_UnknownModel_Returns404ModelNotFound()
    {
        using var response = await fixture.Simulator.Http.PostJsonAsync("v1/completions", """{"model":"gpt-none","prompt":"x"}""");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var error = (await response.ReadJsonAsync()).GetProperty("error");
        Assert.Equal("model_not_found", error.GetProperty("code").GetString());
        Assert.Equal("model", error.GetProperty("param").GetString());
    }
}
