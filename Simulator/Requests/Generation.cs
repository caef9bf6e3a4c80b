using Orleans.Inference.Generation;
using Orleans.Inference.Simulator.Engine;
using Orleans.Inference.Simulator.Errors;
using Orleans.Inference.Simulator.Streaming;

namespace Orleans.Inference.Simulator.Requests;

/// <summary>An admitted generation request: its engine, its sampling, and its stream when it asked for one.</summary>
internal sealed class Generation(HttpContext http, ModelEngine engine, SamplingParameters sampling, ChunkStream? stream, long created)
{
    public SamplingParameters Sampling { get; } = sampling;

    /// <summary>Unix seconds, for the response's <c>created</c>.</summary>
    public long Created { get; } = created;

    /// <summary>Runs the requests as one batch and answers: streamed as the engine produces, or whole.</summary>
    public async Task<IResult> RespondAsync<TChunk>(InferenceRequest[] requests, IResponseShape<TChunk> shape)
    {
        if (stream is not null)
        {
            await stream.WriteAsync(engine.StreamAsync(requests, http.RequestAborted), requests.Length, shape);
            return TypedResults.Empty;
        }

        try
        {
            return shape.Whole(await engine.CompleteAsync(requests, http.RequestAborted));
        }
        catch (BackendException failed)
        {
            return ApiErrors.BackendFailed(failed.Message);
        }
    }
}
