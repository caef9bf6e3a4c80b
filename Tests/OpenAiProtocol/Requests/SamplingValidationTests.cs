using System.Text.Json;
using Orleans.Inference.OpenAiProtocol.Completions;
using Orleans.Inference.OpenAiProtocol.Json;
using Orleans.Inference.OpenAiProtocol.Requests;

namespace Orleans.Inference.Tests.OpenAiProtocol.Requests;

/// <summary>The checks every generation request passes, in the gateway and the Simulator alike, as plain results.</summary>
public sealed class SamplingValidationTests
{
    private static readonly TokenLimits Limits = new(DefaultMaxTokens: 16, MaxOutputTokens: 100);

    [Theory]
    [InlineData("""{"max_tokens":0}""", "max_tokens", null)]
    [InlineData("""{"max_tokens":101}""", "max_tokens", null)]
    [InlineData("""{"temperature":2.5}""", "temperature", null)]
    [InlineData("""{"top_p":-0.1}""", "top_p", null)]
    [InlineData("""{"n":2}""", "n", "unsupported_parameter")]
    [InlineData("""{"stop":["a","b","c","d","e"]}""", "stop", "array_above_max_length")]
    [InlineData("""{"stop":["a",""]}""", "stop", null)]
    public void TryCreate_FieldOutOfRange_NamesTheFieldInAnInvalidRequestError(string body, string param, string? code)
    {
        var error = SamplingValidation.TryCreate(Read(body), (Read(body).MaxTokens, "max_tokens"), Limits, out _);

        Assert.NotNull(error);
        Assert.Equal("invalid_request_error", error.Type);
        Assert.Equal(param, error.Param);
        Assert.Equal(code, error.Code);
        Assert.Contains(param, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryCreate_ValidRequest_CarriesEveryParameterAndTheModelsDefaultLength()
    {
        var body = Read("""{"temperature":0.5,"top_p":0.9,"stop":"\n","seed":7}""");

        var error = SamplingValidation.TryCreate(body, (body.MaxTokens, "max_tokens"), Limits, out var sampling);

        Assert.Null(error);
        Assert.Equal(16, sampling.MaxTokens);
        Assert.Equal(0.5f, sampling.Temperature);
        Assert.Equal(0.9f, sampling.TopP);
        Assert.Equal(["\n"], sampling.Stop ?? []);
        Assert.Equal(7, sampling.Seed);
    }

    [Fact]
    public void TryCreate_MaxTokensUnderItsNewerName_IsCheckedAndReportedUnderThatName()
    {
        var body = Read("""{"max_tokens":5}""");

        var error = SamplingValidation.TryCreate(body, (500, "max_completion_tokens"), Limits, out _);

        Assert.Equal("max_completion_tokens", error?.Param);
    }

    [Fact]
    public void TryCreate_StreamOptionsWithoutStream_RefusedOnlyWhereTheServerAsksForIt()
    {
        var body = Read("""{"stream_options":{"include_usage":true}}""");

        var lenient = SamplingValidation.TryCreate(body, (null, "max_tokens"), Limits, out _);
        var strict = SamplingValidation.TryCreate(body, (null, "max_tokens"), Limits, out _, streamOptionsNeedStream: true);

        Assert.Null(lenient);
        Assert.Equal("stream_options", strict?.Param);
    }

    private static CompletionRequest Read(string json) => JsonSerializer.Deserialize(json, OpenAiJson.Context.CompletionRequest)!;
}
