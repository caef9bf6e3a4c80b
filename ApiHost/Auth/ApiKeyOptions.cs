using Orleans.Inference.Generation;

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

    /// <summary>Generation requests this key may start per minute across the whole cluster; 0 or unset for no limit.</summary>
    public int RequestsPerMinute { get; set; }

    /// <summary>Tokens (prompt and completion) this key may use per minute across the whole cluster; 0 or unset for no limit.</summary>
    public long TokensPerMinute { get; set; }

    /// <summary>Tokens this key may use per day (UTC) across the whole cluster; 0 or unset for no limit.</summary>
    public long TokensPerDay { get; set; }

    /// <summary>
    /// This key's share of a busy model against other keys' weights (1 to 1,000; default 1): requests are queued per key
    /// and batches filled across keys by weight, so with weights 3 and 1 two saturating keys get 3:1 of the model.
    /// </summary>
    public int Weight { get; set; } = 1;

    /// <summary>
    /// This key's class in each model's queue (<c>Interactive</c>, <c>Standard</c>, <c>Batch</c>; default <c>Standard</c>):
    /// a higher class is served first, so a <c>Batch</c> key runs on what the others leave.
    /// </summary>
    public TenantPriority Priority { get; set; } = TenantPriority.Standard;

    /// <summary>The name, never the key: options printed by mistake give nothing away.</summary>
    public override string ToString() => Name ?? "(unnamed API key)";
}
