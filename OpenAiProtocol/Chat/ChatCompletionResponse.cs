using System.Text.Json.Serialization;
using Orleans.Inference.Generation;
using Orleans.Inference.OpenAiProtocol.Responses;

namespace Orleans.Inference.OpenAiProtocol.Chat;

/// <summary>A whole chat completion (<c>object</c> is <c>chat.completion</c>).</summary>
public sealed record ChatCompletionResponse(string Id, long Created, string Model, ChatChoice[] Choices, Usage Usage)
{
    /// <summary>Always <c>chat.completion</c>.</summary>
    [JsonPropertyOrder(-1)]
    public string Object => "chat.completion";

    /// <summary>The assistant's reply, with its usage.</summary>
    public static ChatCompletionResponse From(string id, long created, string model, InferenceResult result) => new(
        id, created, model, [new ChatChoice(0, new ChatReplyMessage("assistant", result.Text), result.FinishReason.ToOpenAi())], Usage.Of(result.Usage));
}
