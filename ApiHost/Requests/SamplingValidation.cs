using Orleans.Inference.ApiHost.Errors;
using Orleans.Inference.ApiHost.Json;
using Orleans.Inference.Generation;
using Orleans.Inference.Models;

namespace Orleans.Inference.ApiHost.Requests;

/// <summary>The checks completions and chat completions share, with OpenAI's limits.</summary>
internal static class SamplingValidation
{
    public const int MaxStopSequences = 4;

    /// <summary>Builds the sampling parameters, or returns the 400 that says which field is wrong.</summary>
    public static IResult? TryCreate(
        ModelOptions model,
        (int? Value, string Param) maxTokens,
        float? temperature,
        float? topP,
        StringOrArray? stop,
        long? seed,
        int? n,
        out SamplingParameters sampling)
    {
        sampling = null!;
        if (maxTokens.Value is { } max && (max < 1 || max > model.MaxOutputTokens))
            return ApiErrors.Invalid($"'{maxTokens.Param}' must be between 1 and {model.MaxOutputTokens} for this model; got {max}.", maxTokens.Param);
        if (temperature is { } t && (t < 0 || t > 2 || float.IsNaN(t)))
            return ApiErrors.Invalid($"'temperature' must be between 0 and 2; got {t}.", "temperature");
        if (topP is { } p && (p < 0 || p > 1 || float.IsNaN(p)))
            return ApiErrors.Invalid($"'top_p' must be between 0 and 1; got {p}.", "top_p");
        if (n is { } choices && choices != 1)
            return ApiErrors.Invalid("'n' other than 1 is not supported by this gateway.", "n", "unsupported_parameter");
        if (stop is { Values.Length: > MaxStopSequences })
            return ApiErrors.ArrayTooLong("stop", MaxStopSequences, stop.Values.Length);
        if (stop is not null && stop.Values.Any(string.IsNullOrEmpty))
            return ApiErrors.Invalid("'stop' sequences must not be empty.", "stop");

        sampling = new SamplingParameters(maxTokens.Value ?? model.DefaultMaxTokens, temperature, topP, stop?.Values, seed);
        return null;
    }
}
