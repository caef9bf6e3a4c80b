using System.Text;
using Orleans.Inference.Simulator.Errors;

namespace Orleans.Inference.Simulator.Chat;

/// <summary>Renders a conversation into the prompt the engine continues: one <c>role: content</c> line a message.</summary>
internal static class ChatPrompt
{
    private static readonly string[] Roles = ["system", "developer", "user", "assistant", "tool"];

    /// <summary>The prompt, or the 400 that names the message at fault.</summary>
    public static IResult? TryRender(List<ChatMessageDto>? messages, out string prompt)
    {
        prompt = string.Empty;
        if (messages is not { Count: > 0 }) return ApiErrors.Invalid("'messages' must hold at least one message.", "messages");

        var text = new StringBuilder();
        for (var i = 0; i < messages.Count; i++)
        {
            if (messages[i] is not { Role: { } role } message || !Roles.Contains(role))
                return ApiErrors.Invalid($"'messages[{i}].role' must be one of {string.Join(", ", Roles)}.", $"messages[{i}].role");
            if (message.Content is null) return ApiErrors.Invalid($"'messages[{i}].content' is required.", $"messages[{i}].content");
            text.Append(role).Append(": ").Append(message.Content.Text).Append('\n');
        }

        prompt = text.Append("assistant:").ToString();
        return null;
    }
}
