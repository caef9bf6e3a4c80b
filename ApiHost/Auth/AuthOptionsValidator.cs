using Microsoft.Extensions.Options;

namespace Orleans.Inference.ApiHost.Auth;

/// <summary>
/// Rejects keys that cannot work, at start-up. Its messages name keys by position and name only, never by value: they end
/// up in logs.
/// </summary>
internal sealed class AuthOptionsValidator : IValidateOptions<AuthOptions>
{
    /// <summary>The slowest rate: one request in 1,000 s (the bucket gains a token every 1/rate seconds).</summary>
    public const double MinimumRate = 0.001;

    /// <summary>The largest weight: a key's share is its weight over the sum of the busy keys' weights.</summary>
    public const int MaximumWeight = 1000;

    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        const string Section = AuthOptions.SectionName;
        var errors = new List<string>();
        var keys = new Dictionary<string, string>(StringComparer.Ordinal); // key -> where it was first seen
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, _, path, keyName) in options.AllKeys())
        {
            if (string.IsNullOrWhiteSpace(key.Key)) errors.Add($"{path} has no key.");
            else if (key.Key.Any(char.IsWhiteSpace) || key.Key.Any(char.IsControl))
                errors.Add($"{path} ({keyName}) contains whitespace or control characters, which a bearer token cannot carry.");
            else if (!keys.TryAdd(key.Key, path)) errors.Add($"{path} ({keyName}) has the same key as {keys[key.Key]}.");

            if (!names.Add(keyName)) errors.Add($"{path}: the name '{keyName}' is taken by another key.");
            Limits(errors, $"{path}:", key.RequestsPerSecond, key.Burst, key.ConcurrentRequests);
            if (key.Weight is < 1 or > MaximumWeight) errors.Add($"{path} ({keyName}): Weight must be from 1 to {MaximumWeight}.");
            if (key.RequestsPerMinute < 0 || key.TokensPerMinute < 0 || key.TokensPerDay < 0)
                errors.Add($"{path} ({keyName}): RequestsPerMinute, TokensPerMinute and TokensPerDay must be 0 (no limit) or positive.");
            if (!Enum.IsDefined(key.Priority)) errors.Add($"{path} ({keyName}): Priority must be Interactive, Standard or Batch.");
        }

        Limits(errors, $"{Section}:RateLimits:", options.RateLimits.RequestsPerSecond, options.RateLimits.Burst, options.RateLimits.ConcurrentRequests);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Limits(List<string> errors, string prefix, double? requestsPerSecond, int? burst, int? concurrentRequests)
    {
        if (requestsPerSecond is { } rate && rate != 0 && !(rate >= MinimumRate && double.IsFinite(rate)))
            errors.Add($"{prefix}RequestsPerSecond must be 0 (no limit) or at least {MinimumRate}.");
        if (burst is < 0) errors.Add($"{prefix}Burst must not be negative.");
        if (concurrentRequests is < 0) errors.Add($"{prefix}ConcurrentRequests must be 0 (no limit) or positive.");
    }
}
