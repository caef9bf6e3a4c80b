using System.Text.Json.Serialization.Metadata;
using Orleans.Inference.Generation;
using Orleans.Inference.OpenAiProtocol.Responses;

namespace Orleans.Inference.Simulator.Streaming;

/// <summary>How an endpoint spells its response: whole, or as the events of a stream.</summary>
internal interface IResponseShape<TChunk>
{
    JsonTypeInfo<TChunk> ChunkTypeInfo { get; }

    /// <summary>The whole response to a batch that was not streamed.</summary>
    IResult Whole(InferenceResult[] results);

    /// <summary>An event before any tokens (chat's role), or null.</summary>
    TChunk? Opening(Usage? usage);

    /// <summary>One choice's new text; its last has the finish reason; with continuous usage, that choice's usage so far.</summary>
    TChunk Chunk(int index, string text, string? finishReason, Usage? usage);

    /// <summary>The last event with <c>include_usage</c>: no choices, the request's summed usage.</summary>
    TChunk Summary(Usage usage);
}
