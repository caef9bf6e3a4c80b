using System.Net;
using System.Net.Http.Headers;
using Orleans.Inference.Tests.Infrastructure;

namespace Orleans.Inference.Tests.ApiHost.Auth;

/// <summary>Admin keys only, Auth:ProtectMetrics and Auth:ProtectHealth on, and limits every key gets unless it sets its own.</summary>
[Collection(LockedDownApiHostCollection.Name)]
public sealed class LockedDownTests(LockedDownApiHostFactory host)
{
    [Theory]
    [InlineData("metrics")]
    [InlineData("dashboard/stats")]
    [InlineData("health/live")]
    [InlineData("health/ready")]
    public async Task ProtectedMonitoring_WithoutKey_Returns401(string path)
    {
        using var response = await host.Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("missing_api_key", (await response.ReadJsonAsync()).GetProperty("error").GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("metrics")]
    [InlineData("dashboard/stats")]
    [InlineData("health/live")]
    public async Task ProtectedMonitoring_WithKey_AnswersWithoutSpendingItsRate(string path)
    {
        for (var i = 0; i <= LockedDownApiHostFactory.DefaultBurst; i++)
        {
            using var response = await Send(LockedDownApiHostFactory.LimitedAdminKey, path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task Completions_WithAdminKeyAndNoInferenceKeys_ReturnsTheCompletion()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/completions")
        {
            Content = new StringContent("""{"model":"test-free","prompt":"Hello","max_tokens":2}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", LockedDownApiHostFactory.UnlimitedAdminKey);

        using var response = await host.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task DefaultRateLimits_KeyWithoutItsOwn_Returns429AfterTheBurstWhileTheKeyThatTurnsThemOffIsServed()
    {
        for (var i = 0; i < LockedDownApiHostFactory.DefaultBurst; i++)
        {
            using var allowed = await Send(LockedDownApiHostFactory.LimitedAdminKey, "v1/models");
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var refused = await Send(LockedDownApiHostFactory.LimitedAdminKey, "v1/models");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter?.Delta);

        // The admin API is not rate limited, and the other key's RequestsPerSecond 0 overrides the default.
        using var admin = await Send(LockedDownApiHostFactory.LimitedAdminKey, "admin/models");
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        for (var i = 0; i < 3 * LockedDownApiHostFactory.DefaultBurst; i++)
        {
            using var unlimited = await Send(LockedDownApiHostFactory.UnlimitedAdminKey, "v1/models");
            Assert.Equal(HttpStatusCode.OK, unlimited.StatusCode);
        }
    }

    private Task<HttpResponseMessage> Send(string key, string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return host.Http.SendAsync(request);
    }
}
