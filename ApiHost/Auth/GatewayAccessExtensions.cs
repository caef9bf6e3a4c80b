using Microsoft.Extensions.Options;

namespace Orleans.Inference.ApiHost.Auth;

/// <summary>Marks endpoints with the key they need; see <see cref="GatewayAccess"/>.</summary>
public static class GatewayAccessExtensions
{
    /// <summary>
    /// The endpoints need the key <paramref name="access"/> calls for, when the gateway has keys (<c>Auth:ApiKeys</c>,
    /// <c>Auth:AdminKeys</c>). Without keys this adds nothing: the endpoints stay open and no request pays for a check.
    /// </summary>
    public static TBuilder RequireGatewayAccess<TBuilder>(this TBuilder builder, GatewayAccess access)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.Add(endpoint =>
        {
            var options = endpoint.ApplicationServices.GetRequiredService<IOptions<AuthOptions>>().Value;
            if (options.Enabled && AuthPolicies.For(access, options) is { } policy) endpoint.Metadata.Add(new GatewayAccessMetadata(access, policy));
        });
        return builder;
    }
}
