using System.Text.Json.Serialization.Metadata;
using Orleans.Inference.Generation;
using Orleans.Inference.Simulator.Json;
using Orleans.Inference.Simulator.Requests;
using Orleans.Inference.Simulator.Streaming;

namespace Orleans.Inference.Simulator.Completions;

/// <summary>A completion: <c>text_completion</c>, whole with a choice per prompt, or streamed in chunks of one choice each.</summary>
internal sealed class CompletionShape(string model, long created) : IResponseShape<CompletionResponse>
{
    private readonly string _id = "cmpl-" + Guid.NewGuid().ToString("N");

    public JsonTypeInfo<CompletionResponse> ChunkTypeInfo => SimulatorJson.Context.CompletionResponse;

    public IResult Whole(InferenceResult[] results)
    {
        var choices = new CompletionChoice[results.Length];
        for (var i = 0; i < results.Length; i++) choices[i] = new CompletionChoice(i, results[i].Text, results[i].FinishReason.ToOpenAi());
        var response = new CompletionResponse(_id, created, model, choices, Usage.Sum(results.Select(result => result.Usage)));
        return TypedResults.Json(response, SimulatorJson.Context.CompletionResponse);
    }

    public CompletionResponse? Opening(Usage? usage) => null;

    public CompletionResponse Chunk(int index, string text, string? finishReason, Usage? usage) =>
        new(_id, created, model, [new CompletionChoice(index, text, finishReason)], usage);

    public CompletionResponse Summary(Usage usage) => new(_id, created, model, [], usage);
}
