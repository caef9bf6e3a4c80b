using System.Text.Json.Serialization.Metadata;
using Orleans.Inference.Generation;
using Orleans.Inference.Simulator.Json;
using Orleans.Inference.Simulator.Requests;
using Orleans.Inference.Simulator.Streaming;

namespace Orleans.Inference.Simulator.Chat;

/// <summary>A chat completion: <c>chat.completion</c> whole, or <c>chat.completion.chunk</c> events (role, content, finish reason).</summary>
internal sealed class ChatShape(string model, long created) : IResponseShape<ChatCompletionChunk>
{
    private readonly string _id = "chatcmpl-" + Guid.NewGuid().ToString("N");

    public JsonTypeInfo<ChatCompletionChunk> ChunkTypeInfo => SimulatorJson.Context.ChatCompletionChunk;

    public IResult Whole(InferenceResult[] results)
    {
        var result = results[0];
        var reply = new ChatChoice(0, new ChatReplyMessage("assistant", result.Text), result.FinishReason.ToOpenAi());
        var response = new ChatCompletionResponse(_id, created, model, [reply], Usage.Sum([result.Usage]));
        return TypedResults.Json(response, SimulatorJson.Context.ChatCompletionResponse);
    }

    public ChatCompletionChunk Opening(Usage? usage) =>
        new(_id, created, model, [new ChatChunkChoice(0, new ChatDelta("assistant", string.Empty), null)], usage);

    public ChatCompletionChunk Chunk(int index, string text, string? finishReason, Usage? usage) =>
        new(_id, created, model, [new ChatChunkChoice(index, new ChatDelta(Content: text), finishReason)], usage);

    public ChatCompletionChunk Summary(Usage usage) => new(_id, created, model, [], usage);
}
