using Orleans.Inference.OpenAiProtocol.Chat;
using Orleans.Inference.OpenAiProtocol.Json;

namespace Orleans.Inference.Tests.OpenAiProtocol.Chat;

/// <summary>How a conversation is checked and rendered, for the gateway (no tools) and the Simulator (vLLM's roles).</summary>
public sealed class ChatPromptTests
{
    [Fact]
    public void TryRender_Conversation_RendersOneLinePerMessage_DeveloperAsSystem_EndingWithTheAssistantsTurn()
    {
        List<ChatMessageDto> messages = [Message("developer", "Be brief."), Message("user", "Hi"), Message("assistant", "Hello"), Message("user", "Again")];

        var error = ChatPrompt.TryRender(messages, maxMessages: 10, acceptToolMessages: false, out var wire, out var prompt);

        Assert.Null(error);
        Assert.Equal("system: Be brief.\nuser: Hi\nassistant: Hello\nuser: Again\nassistant:", prompt);
        Assert.Equal(["system", "user", "assistant", "user"], wire.Select(m => m.Role));
        Assert.Equal("Again", wire[^1].Content);
    }

    [Fact]
    public void TryRender_ToolMessage_RefusedByTheGateway_AcceptedWhereToolsAre()
    {
        List<ChatMessageDto> messages = [Message("user", "Weather?"), Message("tool", "Sunny")];

        var refused = ChatPrompt.TryRender(messages, 10, acceptToolMessages: false, out _, out _);
        var accepted = ChatPrompt.TryRender(messages, 10, acceptToolMessages: true, out _, out var prompt);

        Assert.Equal("messages[1].role", refused?.Param);
        Assert.Null(accepted);
        Assert.Contains("tool: Sunny\n", prompt, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "messages", null)]
    [InlineData(0, "messages", null)]
    [InlineData(3, "messages", "array_above_max_length")]
    public void TryRender_MissingEmptyOrTooManyMessages_NamesMessages(int? count, string param, string? code)
    {
        var messages = count is null ? null : Enumerable.Range(0, count.Value).Select(i => Message("user", $"m{i}")).ToList();

        var error = ChatPrompt.TryRender(messages, maxMessages: 2, acceptToolMessages: false, out _, out _);

        Assert.Equal(param, error?.Param);
        Assert.Equal(code, error?.Code);
    }

    [Fact]
    public void TryRender_MessageWithoutContent_NamesThatMessagesContent()
    {
        var error = ChatPrompt.TryRender([Message("user", "a"), new ChatMessageDto { Role = "user" }], 10, false, out _, out _);

        Assert.Equal("messages[1].content", error?.Param);
    }

    private static ChatMessageDto Message(string role, string text) => new() { Role = role, Content = new MessageContent(text) };
}
