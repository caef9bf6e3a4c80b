using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Inference.ApiHost.Auth;
using Orleans.Inference.Tests.Infrastructure;

namespace Orleans.Inference.Tests.ApiHost.Auth;

/// <summary>The embedded default has no keys: it must be exactly as open, and as cheap, as before keys existed.</summary>
[Collection(ApiHostCollection.Name)]
public sealed class NoKeysTests(ApiHostFactory host)
{
    [Fact]
    public void Host_WithoutKeys_RegistersNoAuthenticationAndMarksNoEndpoint()
    {
        // Without authentication services the framework adds no authentication or authorization middleware by itself.
        Assert.Null(host.Services.GetService<IAuthenticationSchemeProvider>());
        Assert.Null(host.Services.GetService<ApiKeyRing>());
        var endpoints = host.Services.GetRequiredService<EndpointDataSource>().Endpoints;
        Assert.Contains(endpoints, endpoint => endpoint.DisplayName?.Contains("/v1/completions", StringComparison.Ordinal) == true);
        Assert.DoesNotContain(endpoints, endpoint => endpoint.Metadata.GetMetadata<IAuthorizeData>() is not null);
    }
}
