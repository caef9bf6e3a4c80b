namespace Orleans.Inference.ApiHost.Auth;

/// <summary>
/// One API key (an entry of <c>Auth:ApiKeys</c> or <c>Auth:AdminKeys</c>): the key, a name to tell it by, and limits
/// that replace <c>Auth:RateLimits</c> for it. A plain string entry is the key alone.
/// </summary>
public sealed class ApiKeyOptions
{
    /// <summary>The secret clients send as <c>Authorization: Bearer {Key}</c>. Never logged, and never in an error message.</summary>
    public string Key { get; set; } = "";

    /// <summary>What logs, metrics and the rate limiter call the key; <c>api-key-1</c>, <c>admin-key-1</c>... (by position) when unset.</summary>
    public string? Name { get; set; }

    /// <summary>This key's sustained requests per second on <c>/v1/*</c>; 0 for no limit; unset for <c>Auth:RateLimits</c>'s.</summary>
    public double? RequestsPerSecond { get; set; }

    /// <summary>This key's burst: requests it may send at once before the rate applies; unset for <c>Auth:RateLimits</c>'s.</summary>
    public int? Burst { get; set; }

    /// <summary>This key's requests in progress at once on <c>/v1/*</c>; 0 for no limit; unset for <c>Auth:RateLimits</c>'s.</summary>
    public int? ConcurrentRequests { get; set; }

    /// <summary>The name, never the key: options printed by mistake give nothing away.</summary>
    public override string ToString() => Name ?? "(unnamed API key)";
}
