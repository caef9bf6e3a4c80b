using System.Text;
using Orleans.Inference.ApiHost.Errors;
using Orleans.Inference.Generation;

namespace Orleans.Inference.ApiHost.ChatCompletions;

/// <summary>Checks a conversation and renders it into the prompt a completion model continues.</summary>
internal static class ChatPrompt
{
    /// <summary>Builds the wire messages and the rendered prompt, or the 400 that names the message at fault.</summary>
    public static IResult? TryRender(List<ChatMessageDto>? messages, int maxMessages, out ChatMessage[] wire, out string prompt)
    {
        wire = [];
        prompt = string.Empty;
        if (messages is null) return ApiErrors.Invalid("'messages' is required.", "messages");
        if (messages.Count == 0) return ApiErrors.Invalid("'messages' must hold at least one message.", "messages");
        if (messages.Count > maxMessages) return ApiErrors.ArrayTooLong("messages", maxMessages, messages.Count);

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
                _ => null,
            };
            if (message is null || role is null)
            {
                return ApiErrors.Invalid(
                    $"'messages[{i}].role' must be system, developer, user or assistant; got '{message?.Role}'.", $"messages[{i}].role");
            }

            if (message.Content is null) return ApiErrors.Invalid($"'messages[{i}].content' is required.", $"messages[{i}].content");
            wire[i] = new ChatMessage(role, message.Content.Text);
            text.Append(role).Append(": ").Append(message.Content.Text).Append('\n');
        }

        prompt = text.Append("assistant:").ToString();
        return null;
    }
}
