using System.Security.Claims;
using Orleans.Inference.ApiHost.Quotas;
using Orleans.Inference.Generation;
using Orleans.Inference.Quotas;

namespace Orleans.Inference.ApiHost.Auth;

/// <summary>
/// Who a valid key is: its name (never the key), its roles (admin keys have both), its limits and its tenant. One per key, made at
/// start, so a request authenticates without allocating one.
/// </summary>
internal sealed class ApiKeyIdentity : ClaimsIdentity
{
    public ApiKeyIdentity(string name, bool admin, KeyLimits limits, Tenant tenant, QuotaLimits? quotas = null)
        : base(ClaimsOf(name, admin), AuthPolicies.Scheme, ClaimTypes.Name, ClaimTypes.Role)
    {
        IsAdmin = admin;
        Limits = limits;
        Tenant = tenant;
        Quota = quotas is { IsLimited: true } ? new KeyQuota(name, quotas) : null;
    }

    public bool IsAdmin { get; }

    public KeyLimits Limits { get; }

    /// <summary>The key as a tenant of the models' queues: its name, weight and priority.</summary>
    public Tenant Tenant { get; }

    /// <summary>This host's share of the key's cluster-wide quotas; null for a key without any.</summary>
    public KeyQuota? Quota { get; }

    private static IEnumerable<Claim> ClaimsOf(string name, bool admin)
    {
        yield return new Claim(ClaimTypes.Name, name);
        yield return new Claim(ClaimTypes.Role, AuthPolicies.Inference);
        if (admin) yield return new Claim(ClaimTypes.Role, AuthPolicies.Admin);
    }
}
