using Orleans.Inference.Generation;
using Orleans.Inference.OpenAiProtocol.Errors;

namespace Orleans.Inference.OpenAiProtocol.Requests;

/// <summary>The checks completions and chat completions share, with OpenAI's limits.</summary>
public static class SamplingValidation
{
    public const int MaxStopSequences = 4;

    /// <summary>Builds the sampling parameters, or returns the error that says which field is wrong.</summary>
    /// <param name="body">The request.</param>
    /// <param name="maxTokens">The token limit the client sent and the name it used (<c>max_tokens</c> or <c>max_completion_tokens</c>).</param>
    /// <param name="limits">The model's limits.</param>
    /// <param name="sampling">The parameters, when the request is valid.</param>
    /// <param name="streamOptionsNeedStream">
    /// Refuse <c>stream_options</c> without <c>stream</c>, as OpenAI and vLLM do (the Simulator); a gateway may let it pass.
    /// </param>
    public static OpenAiError? TryCreate(
        GenerationRequest body, (int? Value, string Param) maxTokens, TokenLimits limits, out SamplingParameters sampling, bool streamOptionsNeedStream = false)
    {
        sampling = null!;
        if (maxTokens.Value is { } max && (max < 1 || max > limits.MaxOutputTokens))
            return OpenAiErrors.Invalid($"'{maxTokens.Param}' must be between 1 and {limits.MaxOutputTokens} for this model; got {max}.", maxTokens.Param);
        if (body.Temperature is { } t && (t < 0 || t > 2 || float.IsNaN(t)))
            return OpenAiErrors.Invalid($"'temperature' must be between 0 and 2; got {t}.", "temperature");
        if (body.TopP is { } p && (p < 0 || p > 1 || float.IsNaN(p)))
            return OpenAiErrors.Invalid($"'top_p' must be between 0 and 1; got {p}.", "top_p");
        if (body.N is { } n && n != 1)
            return OpenAiErrors.Invalid("'n' other than 1 is not supported.", "n", "unsupported_parameter");
        if (body.Stop is { Values.Length: > MaxStopSequences } stop)
            return OpenAiErrors.ArrayTooLong("stop", MaxStopSequences, stop.Values.Length);
        if (body.Stop is not null && body.Stop.Values.Any(string.IsNullOrEmpty))
            return OpenAiErrors.Invalid("'stop' sequences must not be empty.", "stop");
        if (streamOptionsNeedStream && body.StreamOptions is not null && !body.Stream)
            return OpenAiErrors.Invalid("'stream_options' is only allowed with 'stream': true.", "stream_options");
        sampling = new SamplingParameters(maxTokens.Value ?? limits.DefaultMaxTokens, body.Temperature, body.TopP, body.Stop?.Values, body.Seed);
        return null;
    }
}
