using Orleans.Inference.Generation;
using Orleans.Inference.Simulator.Errors;

namespace Orleans.Inference.Simulator.Requests;

/// <summary>The checks completions and chat completions share, with OpenAI's limits.</summary>
internal static class SamplingValidation
{
    private const int DefaultMaxTokens = 16;
    private const int MaxStopSequences = 4;

    /// <summary>Builds the sampling parameters, or returns the 400 that says which field is wrong.</summary>
    public static IResult? TryCreate(GenerationRequest body, (int? Value, string Param) maxTokens, int maxOutputTokens, out SamplingParameters sampling)
    {
        sampling = null!;
        if (maxTokens.Value is { } max && (max < 1 || max > maxOutputTokens))
            return ApiErrors.Invalid($"'{maxTokens.Param}' must be between 1 and {maxOutputTokens}; got {max}.", maxTokens.Param);
        if (body.Temperature is { } t && (t < 0 || t > 2 || float.IsNaN(t)))
            return ApiErrors.Invalid($"'temperature' must be between 0 and 2; got {t}.", "temperature");
        if (body.TopP is { } p && (p < 0 || p > 1 || float.IsNaN(p)))
            return ApiErrors.Invalid($"'top_p' must be between 0 and 1; got {p}.", "top_p");
        if (body.N is { } n && n != 1)
            return ApiErrors.Invalid("'n' other than 1 is not supported by the simulator.", "n");
        if (body.Stop is { } stop && (stop.Values.Length > MaxStopSequences || stop.Values.Any(string.IsNullOrEmpty)))
            return ApiErrors.Invalid($"'stop' may hold at most {MaxStopSequences} sequences, none empty.", "stop");
        if (body.StreamOptions is not null && !body.Stream)
            return ApiErrors.Invalid("'stream_options' is only allowed with 'stream': true.", "stream_options");

        sampling = new SamplingParameters(maxTokens.Value ?? DefaultMaxTokens, body.Temperature, body.TopP, body.Stop?.Values, body.Seed);
        return null;
    }
}
