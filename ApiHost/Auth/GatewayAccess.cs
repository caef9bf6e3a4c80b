namespace Orleans.Inference.ApiHost.Auth;

/// <summary>The kinds of endpoint, by the key they need when the gateway has keys (see <see cref="AuthPolicies.For"/>).</summary>
public enum GatewayAccess
{
    /// <summary><c>/v1/*</c>: any key; per-key rate limits apply.</summary>
    Inference,

    /// <summary><c>/admin/*</c>: an admin key.</summary>
    Admin,

    /// <summary><c>/metrics</c> and <c>/dashboard/stats</c>: open, or any key with <c>Auth:ProtectMetrics</c>.</summary>
    Metrics,

    /// <summary><c>/health/*</c>: open, or any key with <c>Auth:ProtectHealth</c>.</summary>
    Health,
}
