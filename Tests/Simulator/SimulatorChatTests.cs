using System.Text.Json;
using Orleans.Inference.Tests.Infrastructure;

namespace Orleans.Inference.Tests.Simulator;

/// <summary><c>POST /v1/chat/completions</c> on the real Simulator process, over loopback.</summary>
[Collection(SimulatorCollection.Name)]
public sealed class SimulatorChatTests(SimulatorFixture fixture)
{
    private const string Conversation = """
        "messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Tell me about harbors."}],"max_tokens":7,"seed":5
        """;

    private SimulatorProcess Simulator => fixture.Simulator;

    [Fact]
    public async Task Chat_NotStreamed_ReturnsAssistantMessageWithUsage()
    {
        using var response = await Simulator.Http.PostJsonAsync("v1/chat/completions", $$"""{"model":"sim",{{Conversation}}}""");

        response.EnsureSuccessStatusCode();
        var body = await response.ReadJsonAsync();
        Assert.StartsWith("chatcmpl-", body.GetProperty("id").GetString());
        Assert.Equal("chat.completion", body.GetProperty("object").GetString());
        var choice = Assert.Single(body.GetProperty("choices").EnumerateArray());
        Assert.Equal(0, choice.GetProperty("index").GetInt32());
        Assert.Equal("assistant", choice.GetProperty("message").GetProperty("role").GetString());
        Assert.Equal(7, SimulatorCompletionsTests.Words(choice.GetProperty("message").GetProperty("content").GetString()));
        Assert.Equal("length", choice.GetProperty("finish_reason").GetString());
        // "system: Be brief.\nuser: Tell me about harbors.\nassistant:" is 9 words.
        SimulatorCompletionsTests.AssertUsage(body.GetProperty("usage"), prompt: 9, completion: 7);
    }

    [Fact]
    public async Task Chat_Streamed_RoleFirstThenContentThenFinishReasonThenUsageThenDone()
    {
        using var whole = await Simulator.Http.PostJsonAsync("v1/chat/completions", $$"""{"model":"sim",{{Conversation}}}""");
        var expected = (await whole.ReadJsonAsync()).GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString();

        using var response = await Simulator.Http.PostJsonAsync(
            "v1/chat/completions", $$$"""{"model":"sim",{{{Conversation}}},"stream":true,"stream_options":{"include_usage":true}}""",
            HttpCompletionOption.ResponseHeadersRead);
        var events = await ServerSentEvents.ReadAllDataAsync(response);

        Assert.Equal("[DONE]", events[^1]);
        var chunks = events[..^1].Select(ServerSentEvents.Json).ToList();
        Assert.All(chunks, c => Assert.Equal("chat.completion.chunk", c.GetProperty("object").GetString()));
        Assert.Equal("assistant", chunks[0].GetProperty("choices")[0].GetProperty("delta").GetProperty("role").GetString());
        var replies = chunks[1..^1].Select(c => Assert.Single(c.GetProperty("choices").EnumerateArray())).ToList();
        Assert.Equal(expected, string.Concat(replies.Select(c => c.GetProperty("delta").GetProperty("content").GetString())));
        Assert.All(replies[..^1], c => Assert.Equal(JsonValueKind.Null, c.GetProperty("finish_reason").ValueKind));
        Assert.Equal("length", replies[^1].GetProperty("finish_reason").GetString());
        Assert.Empty(chunks[^1].GetProperty("choices").EnumerateArray());
        SimulatorCompletionsTests.AssertUsage(chunks[^1].GetProperty("usage"), prompt: 9, completion: 7);
    }
}
