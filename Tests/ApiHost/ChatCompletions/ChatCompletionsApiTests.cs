using System.Net;
using Orleans.Inference.Tests.Infrastructure;

namespace Orleans.Inference.Tests.ApiHost.ChatCompletions;

[Collection(ApiHostCollection.Name)]
public sealed class ChatCompletionsApiTests(ApiHostFactory host)
{
    [Fact]
    public async Task Post_Conversation_ReturnsAssistantMessage()
    {
        using var response = await host.Http.PostJsonAsync("v1/chat/completions", $$"""
            {"model":"{{TestCatalog.Free}}","max_tokens":6,
             "messages":[{"role":"system","content":"Be brief."},{"role":"user","content":[{"type":"text","text":"Hello there"}]}]}
            """);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.StartsWith("chatcmpl-", body.GetProperty("id").GetString());
        Assert.Equal("chat.completion", body.GetProperty("object").GetString());
        var choice = Assert.Single(body.GetProperty("choices").EnumerateArray());
        Assert.Equal("assistant", choice.GetProperty("message").GetProperty("role").GetString());
        Assert.Equal(6, choice.GetProperty("message").GetProperty("content").GetString()!.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal("length", choice.GetProperty("finish_reason").GetString());
        Assert.Equal(6, body.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
    }

    [Fact]
    public async Task Post_MaxCompletionTokens_WinsOverMaxTokens()
    {
        using var response = await host.Http.PostJsonAsync("v1/chat/completions", $$"""
            {"model":"{{TestCatalog.Free}}","max_tokens":20,"max_completion_tokens":3,"messages":[{"role":"user","content":"hi"}]}
            """);

        Assert.Equal(3, (await response.ReadJsonAsync()).GetProperty("usage").GetProperty("completion_tokens").GetInt32());
    }
}
