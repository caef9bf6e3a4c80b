using System.Text;
using Orleans.Inference.Generation;
using Orleans.Inference.OpenAiProtocol.Errors;

namespace Orleans.Inference.OpenAiProtocol.Chat;

/// <summary>Checks a conversation and renders it into the prompt a completion model continues: one <c>role: content</c> line a message.</summary>
public static class ChatPrompt
{
    /// <summary>Builds the generation messages and the rendered prompt, or the error that names the message at fault.</summary>
    /// <param name="messages">The request's messages.</param>
    /// <param name="maxMessages">The most messages accepted.</param>
    /// <param name="acceptToolMessages">Accept <c>tool</c> messages as vLLM does (the Simulator); the gateway has no tools to answer.</param>
    /// <param name="wire">The messages, <c>developer</c> read as <c>system</c>.</param>
    /// <param name="prompt">The rendered conversation, ending with <c>assistant:</c>.</param>
    public static OpenAiError? TryRender(
        List<ChatMessageDto>? messages, int maxMessages, bool acceptToolMessages, out ChatMessage[] wire, out string prompt)
    {
        wire = [];
        prompt = string.Empty;
        if (messages is null) return OpenAiErrors.Invalid("'messages' is required.", "messages");
        if (messages.Count == 0) return OpenAiErrors.Invalid("'messages' must hold at least one message.", "messages");
        if (messages.Count > maxMessages) return OpenAiErrors.ArrayTooLong("messages", maxMessages, messages.Count);
        wire = new ChatMessage[messages.Count];
        var text = new StringBuilder();
        for (var i = 0; i < messages.Count; i++)
        {
            var message = messages[i];
            var role = message?.Role switch
            {
                "system" or "developer" => "system",
                "user" => "user",
                "assistant" => "assistant",
                "tool" when acceptToolMessages => "tool",
                _ => null,
            };
            if (message is null || role is null)
            {
                var roles = acceptToolMessages ? "system, developer, user, assistant or tool" : "system, developer, user or assistant";
                return OpenAiErrors.Invalid($"'messages[{i}].role' must be {roles}; got '{message?.Role}'.", $"messages[{i}].role");
            }

            if (message.Content is null) return OpenAiErrors.Invalid($"'messages[{i}].content' is required.", $"messages[{i}].content");
            wire[i] = new ChatMessage(role, message.Content.Text);
            text.Append(role).Append(": ").Append(message.Content.Text).Append('\n');
        }

        prompt = text.Append("assistant:").ToString();
        return null;
    }
}
