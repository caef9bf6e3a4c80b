namespace Orleans.Inference.ApiHost.Auth;

/// <summary>The names the gateway's authentication and authorization go by.</summary>
internal static class AuthPolicies
{
    /// <summary>The authentication scheme of API keys sent as <c>Authorization: Bearer</c>.</summary>
    public const string Scheme = "ApiKey";

    /// <summary>Any valid key: inference keys and admin keys.</summary>
    public const string Inference = "inference";

    /// <summary>Admin keys only.</summary>
    public const string Admin = "admin";

    /// <summary>The policy an endpoint of this kind needs, or null when it stays open.</summary>
    public static string? For(GatewayAccess access, AuthOptions options) => access switch
    {
        GatewayAccess.Inference => Inference,
        GatewayAccess.Admin => Admin,
        GatewayAccess.Metrics => options.ProtectMetrics ? Inference : null,
        GatewayAccess.Health => options.ProtectHealth ? Inference : null,
        _ => throw new ArgumentOutOfRangeException(nameof(access), access, null),
    };
}
