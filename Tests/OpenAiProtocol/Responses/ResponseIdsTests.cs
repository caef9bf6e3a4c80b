using System.Text.RegularExpressions;
using Orleans.Inference.OpenAiProtocol.Responses;

namespace Orleans.Inference.Tests.OpenAiProtocol.Responses;

/// <summary>Response ids look like OpenAI's and name one response each.</summary>
public sealed class ResponseIdsTests
{
    [Fact]
    public void ChatCompletion_EachCall_IsThePrefixAnd32HexDigits_NeverRepeated()
    {
        var ids = Enumerable.Range(0, 10_000).Select(_ => ResponseIds.ChatCompletion()).ToList();

        Assert.All(ids, id => Assert.Matches(new Regex("^chatcmpl-[0-9a-f]{32}$"), id));
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void Completion_EachCall_IsThePrefixAnd32HexDigits()
    {
        Assert.Matches(new Regex("^cmpl-[0-9a-f]{32}$"), ResponseIds.Completion());
        Assert.NotEqual(ResponseIds.Completion(), ResponseIds.Completion());
    }
}
