using Microsoft.AspNetCore.Http.Features.Authentication;
using Orleans.Inference.Generation;

namespace Orleans.Inference.ApiHost.Auth;

/// <summary>Whose request it is, for the fair share of each model's queue (<see cref="Tenant"/>).</summary>
internal static class RequestTenants
{
    /// <summary>
    /// The API key's tenant (made once per key at start); without keys, OpenAI's <c>user</c> field, which a client
    /// chooses, so it shares fairly among well-behaved callers only; otherwise null, the one shared tenant.
    /// </summary>
    public static Tenant? Of(HttpContext http, string? user) => KeyOf(http) switch
    {
        { } key => key.Tenant,
        _ when !string.IsNullOrEmpty(user) => Tenant.OfUser(user),
        _ => null,
    };

    /// <summary>
    /// The key the request was authenticated with, if any. Read from the authentication feature: <c>HttpContext.User</c>
    /// makes an empty principal for every request that has none, which is every request of a gateway without keys.
    /// </summary>
    public static ApiKeyIdentity? KeyOf(HttpContext http) => http.Features.Get<IHttpAuthenticationFeature>()?.User?.Identity as ApiKeyIdentity;
}
