using Orleans.Inference.Simulator.Engine;
using Orleans.Inference.Simulator.Errors;
using Orleans.Inference.Simulator.Faults;
using Orleans.Inference.Simulator.Stats;
using Orleans.Inference.Simulator.Streaming;

namespace Orleans.Inference.Simulator.Requests;

/// <summary>What every generation request passes before the engine: the checks, then fault injection.</summary>
internal sealed class GenerationGate(SimulatedModels models, FaultInjector faults, SimulatorStats stats, TimeProvider time)
{
    /// <summary>The request's generation, or the error it is answered with instead (400, 404, or an injected fault).</summary>
    public async Task<(Generation? Generation, IResult? Error)> AdmitAsync(HttpContext http, GenerationRequest body, (int? Value, string Param) maxTokens)
    {
        stats.RequestReceived(http.Request.Headers["x-request-id"]);
        if (string.IsNullOrEmpty(body.Model)) return (null, ApiErrors.Invalid("'model' is required.", "model"));
        if (!models.TryGet(body.Model, out var engine)) return (null, ApiErrors.ModelNotFound(body.Model));
        var invalid = SamplingValidation.TryCreate(body, maxTokens, models.MaxOutputTokens, out var sampling);
        if (invalid is not null) return (null, invalid);

        // Read once, so a PUT /admin/faults during this request cannot change its faults half way.
        var current = faults.Current;
        if (await faults.BeforeGenerationAsync(http, current) is { } injected) return (null, injected);
        var stream = body.Stream ? new ChunkStream(http, body.StreamOptions, current, stats) : null;
        return (new Generation(http, engine, sampling, stream, time.GetUtcNow().ToUnixTimeSeconds()), null);
    }
}
