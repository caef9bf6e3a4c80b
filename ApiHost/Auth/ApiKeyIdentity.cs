using System.Security.Claims;
using Orleans.Inference.Generation;

namespace Orleans.Inference.ApiHost.Auth;

/// <summary>
/// Who a valid key is: its name (never the key), its roles (admin keys have both), its limits and its tenant. One per key, made at
/// start, so a request authenticates without allocating one.
/// </summary>
internal sealed class ApiKeyIdentity : ClaimsIdentity
{
    public ApiKeyIdentity(string name, bool admin, KeyLimits limits, Tenant tenant)
        : base(ClaimsOf(name, admin), AuthPolicies.Scheme, ClaimTypes.Name, ClaimTypes.Role)
    {
        IsAdmin = admin;
        Limits = limits;
        Tenant = tenant;
    }

    public bool IsAdmin { get; }

    public KeyLimits Limits { get; }

    /// <summary>The key as a tenant of the models' queues: its name, weight and priority.</summary>
    public Tenant Tenant { get; }

    private static IEnumerable<Claim> ClaimsOf(string name, bool admin)
    {
        yield return new Claim(ClaimTypes.Name, name);
        yield return new Claim(ClaimTypes.Role, AuthPolicies.Inference);
        if (admin) yield return new Claim(ClaimTypes.Role, AuthPolicies.Admin);
    }
}
