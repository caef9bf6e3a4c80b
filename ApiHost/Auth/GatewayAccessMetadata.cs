using Microsoft.AspNetCore.Authorization;

namespace Orleans.Inference.ApiHost.Auth;

/// <summary>
/// On an endpoint that needs a key (only when the gateway has keys): the policy the authorization middleware applies,
/// and the kind of endpoint, which tells the rate limiter and Swagger what it is.
/// </summary>
internal sealed class GatewayAccessMetadata(GatewayAccess access, string policy) : IAuthorizeData
{
    public GatewayAccess Access { get; } = access;

    public string? Policy { get; set; } = policy;

    public string? Roles { get; set; }

    public string? AuthenticationSchemes { get; set; }
}
