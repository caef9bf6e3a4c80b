using System.Text;
using Orleans.Inference.OpenAiProtocol.Chat;
using Orleans.Inference.OpenAiProtocol.Errors;
using Orleans.Inference.OpenAiProtocol.Json;

namespace Orleans.Inference.Tests.OpenAiProtocol.Json;

/// <summary>Every way a body can be wrong becomes a 400 error that names the field, as both servers answer it.</summary>
public sealed class JsonBodiesTests
{
    [Theory]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":42}]}""", "messages[0].content")]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":[{"type":"image_url"}]}]}""", "messages[0].content")]
    [InlineData("""{"model":"m","stop":{"a":1}}""", "stop")]
    [InlineData("""{"model":"m","max_tokens":"many"}""", "max_tokens")]
    public async Task ReadAsync_FieldOfTheWrongShape_NamesTheField(string json, string param)
    {
        var (value, error) = await ReadAsync(json);

        Assert.Null(value);
        Assert.Equal(param, error?.Param);
        Assert.Equal("invalid_request_error", error?.Type);
        Assert.DoesNotContain("Path:", error?.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[1,2]")]
    [InlineData("null")]
    public async Task ReadAsync_NotAnObject_IsAnErrorOfTheWholeBody(string json)
    {
        var (value, error) = await ReadAsync(json);

        Assert.Null(value);
        Assert.NotNull(error);
        Assert.Null(error.Param);
    }

    [Fact]
    public async Task ReadAsync_ContentParts_AreJoinedIntoOneText()
    {
        var (value, error) = await ReadAsync("""{"model":"m","messages":[{"role":"user","content":[{"type":"text","text":"a"},{"type":"text","text":"b"}]}]}""");

        Assert.Null(error);
        Assert.Equal("ab", value?.Messages?[0].Content?.Text);
    }

    private static async Task<(ChatCompletionRequest? Value, OpenAiError? Error)> ReadAsync(string json)
    {
        using var body = new MemoryStream(Encoding.UTF8.GetBytes(json));
        return await JsonBodies.ReadAsync(body, OpenAiJson.Context.ChatCompletionRequest, CancellationToken.None);
    }
}
