using System.Text.Json.Serialization.Metadata;
using Orleans.Inference.Generation;
using Orleans.Inference.OpenAiProtocol.Completions;
using Orleans.Inference.OpenAiProtocol.Json;
using Orleans.Inference.OpenAiProtocol.Responses;
using Orleans.Inference.Simulator.Streaming;

namespace Orleans.Inference.Simulator.Completions;

/// <summary>A completion: <c>text_completion</c>, whole with a choice per prompt, or streamed in chunks of one choice each.</summary>
internal sealed class CompletionShape(string model, long created) : IResponseShape<CompletionResponse>
{
    private readonly string _id = ResponseIds.Completion();

    public JsonTypeInfo<CompletionResponse> ChunkTypeInfo => OpenAiJson.Context.CompletionResponse;

    public IResult Whole(InferenceResult[] results) =>
        TypedResults.Json(CompletionResponse.From(_id, created, model, results), OpenAiJson.Context.CompletionResponse);

    public CompletionResponse? Opening(Usage? usage) => null;

    public CompletionResponse Chunk(int index, string text, string? finishReason, Usage? usage) =>
        CompletionResponse.Chunk(_id, created, model, index, text, finishReason, usage);

    public CompletionResponse Summary(Usage usage) => CompletionResponse.Summary(_id, created, model, usage);
}
