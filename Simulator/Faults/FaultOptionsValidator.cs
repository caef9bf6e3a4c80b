using Microsoft.Extensions.Options;

namespace Orleans.Inference.Simulator.Faults;

/// <summary>Rejects fault settings that cannot be applied, at start-up and on <c>PUT /admin/faults</c>.</summary>
internal sealed class FaultOptionsValidator : IValidateOptions<FaultOptions>
{
    public ValidateOptionsResult Validate(string? name, FaultOptions options)
    {
        var errors = new List<string>();
        if (options.ErrorRate is < 0 or > 1 || double.IsNaN(options.ErrorRate)) errors.Add("ErrorRate must be between 0 and 1.");
        if (options.ErrorStatus is < 400 or > 599) errors.Add("ErrorStatus must be an error status, 400 to 599.");
        if (options.RetryAfterSeconds < 0) errors.Add("RetryAfterSeconds must not be negative.");
        if (options.AddedLatencyMs < 0) errors.Add("AddedLatencyMs must not be negative.");
        if (options.DropAfterTokens < 0) errors.Add("DropAfterTokens must not be negative.");
        if (options.StallAfterTokens < 0) errors.Add("StallAfterTokens must not be negative.");
        if (options.KeepAliveMaxRequests < 0) errors.Add("KeepAliveMaxRequests must not be negative.");
        if (options.ServingThreads < 0) errors.Add("ServingThreads must not be negative.");
        if (options.KeepAliveSeconds < 1) errors.Add("KeepAliveSeconds must be at least 1.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
