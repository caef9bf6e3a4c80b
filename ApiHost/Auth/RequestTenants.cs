using Orleans.Inference.Generation;

namespace Orleans.Inference.ApiHost.Auth;

/// <summary>Whose request it is, for the fair share of each model's queue (<see cref="Tenant"/>).</summary>
internal static class RequestTenants
{
    /// <summary>
    /// The API key's tenant (made once per key at start); without keys, OpenAI's <c>user</c> field, which a client
    /// chooses, so it shares fairly among well-behaved callers only; otherwise null, the one shared tenant.
    /// </summary>
    public static Tenant? Of(HttpContext http, string? user) => http.User.Identity switch
    {
        ApiKeyIdentity key => key.Tenant,
        _ when !string.IsNullOrEmpty(user) => Tenant.OfUser(user),
        _ => null,
    };
}
