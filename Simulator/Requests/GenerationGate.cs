using Orleans.Inference.OpenAiProtocol.Requests;
using Orleans.Inference.OpenAiProtocol.Responses;
using Orleans.Inference.Simulator.Engine;
using Orleans.Inference.Simulator.Errors;
using Orleans.Inference.Simulator.Faults;
using Orleans.Inference.Simulator.Stats;
using Orleans.Inference.Simulator.Streaming;

namespace Orleans.Inference.Simulator.Requests;

/// <summary>What every generation request passes before the engine: the checks, then fault injection.</summary>
internal sealed class GenerationGate(SimulatedModels models, FaultInjector faults, SimulatorStats stats, TimeProvider time)
{
    /// <summary>vLLM's default, as OpenAI's completions: 16 tokens when a request does not say.</summary>
    private const int DefaultMaxTokens = 16;

    /// <summary>The request's generation, or the error it is answered with instead (400, 404, or an injected fault).</summary>
    public async Task<(Generation? Generation, IResult? Error)> AdmitAsync(HttpContext http, GenerationRequest body, (int? Value, string Param) maxTokens)
    {
        stats.RequestReceived(http.Request.Headers["x-request-id"]);
        if (string.IsNullOrEmpty(body.Model)) return (null, ApiErrors.Invalid("'model' is required.", "model"));
        if (!models.TryGet(body.Model, out var engine)) return (null, ApiErrors.ModelNotFound(body.Model));
        var limits = new TokenLimits(DefaultMaxTokens, models.MaxOutputTokens);
        var invalid = SamplingValidation.TryCreate(body, maxTokens, limits, out var sampling, streamOptionsNeedStream: true);
        if (invalid is not null) return (null, ApiErrors.Invalid(invalid));

        // Read once, so a PUT /admin/faults during this request cannot change its faults half way.
        var current = faults.Current;
        if (await faults.BeforeGenerationAsync(http, current) is { } injected) return (null, injected);
        var stream = body.Stream ? new ChunkStream(http, body.StreamOptions, current, stats) : null;
        return (new Generation(http, engine, sampling, stream, time.UnixNow()), null);
    }
}
