using System.Text.Json.Serialization.Metadata;
using Orleans.Inference.Generation;
using Orleans.Inference.OpenAiProtocol.Chat;
using Orleans.Inference.OpenAiProtocol.Json;
using Orleans.Inference.OpenAiProtocol.Responses;
using Orleans.Inference.Simulator.Streaming;

namespace Orleans.Inference.Simulator.Chat;

/// <summary>A chat completion: <c>chat.completion</c> whole, or <c>chat.completion.chunk</c> events (role, content, finish reason).</summary>
internal sealed class ChatShape(string model, long created) : IResponseShape<ChatCompletionChunk>
{
    private readonly string _id = ResponseIds.ChatCompletion();

    public JsonTypeInfo<ChatCompletionChunk> ChunkTypeInfo => OpenAiJson.Context.ChatCompletionChunk;

    public IResult Whole(InferenceResult[] results) =>
        TypedResults.Json(ChatCompletionResponse.From(_id, created, model, results[0]), OpenAiJson.Context.ChatCompletionResponse);

    public ChatCompletionChunk Opening(Usage? usage) => ChatCompletionChunk.Opening(_id, created, model, usage);

    public ChatCompletionChunk Chunk(int index, string text, string? finishReason, Usage? usage) =>
        ChatCompletionChunk.Content(_id, created, model, index, text, finishReason, usage);

    public ChatCompletionChunk Summary(Usage usage) => ChatCompletionChunk.Summary(_id, created, model, usage);
}
