using Microsoft.Extensions.Options;

namespace Orleans.Inference.Streaming;

/// <summary>Rejects streaming settings that cannot work, at start-up.</summary>
internal sealed class StreamingOptionsValidator : IValidateOptions<StreamingOptions>
{
    public ValidateOptionsResult Validate(string? name, StreamingOptions options)
    {
        const string Section = StreamingOptions.SectionName;
        var errors = new List<string>();
        if (!Enum.IsDefined(options.Transport)) errors.Add($"{Section}:Transport must be GrainCall or OrleansStreams.");
        if (options.MaxBufferedTokens < 1) errors.Add($"{Section}:MaxBufferedTokens must be at least 1.");
        if (options.PullingPeriodMs < 1) errors.Add($"{Section}:PullingPeriodMs must be at least 1.");
        if (options.Queues < 1) errors.Add($"{Section}:Queues must be at least 1.");
        if (options.CacheSeconds < 1) errors.Add($"{Section}:CacheSeconds must be at least 1.");
        if (options.IdleTimeoutSeconds <= 0) errors.Add($"{Section}:IdleTimeoutSeconds must be positive.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
