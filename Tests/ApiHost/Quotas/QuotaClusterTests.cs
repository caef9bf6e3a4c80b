using System.Net;
using System.Text.Json;
using Orleans.Inference.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Orleans.Inference.Tests.ApiHost.Quotas;

/// <summary>
/// A key's quota across a real cluster of two ApiHosts (Redis membership and grain state): what either admits counts
/// against the other, and killing one of them (with the quota grain, if it was there) loses nothing already counted.
/// </summary>
[Collection(QuotaClusterCollection.Name)]
public sealed class QuotaClusterTests(QuotaClusterFixture cluster, ITestOutputHelper output)
{
    private const string Request = """{"model":"sim-instant","prompt":"Hi","max_tokens":10}""";

    [Fact]
    public async Task Post_ThroughBothApiHosts_UseTheKeysDailyTokensOnceInAll_EvenWhenOneOfThemIsKilled()
    {
        // Ten through the two hosts in turn, then A is killed and B goes on until the budget says no.
        var served = new List<int>();
        for (var i = 0; i < 10; i++) served.Add(await SendAsync(i % 2 == 0 ? cluster.ApiHostA : cluster.ApiHostB) ?? throw new InvalidOperationException("refused within the budget"));
        cluster.ApiHostA.Process.Kill();

        var statuses = new List<HttpStatusCode>();
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            var (status, tokens) = await PostAsync(cluster.ApiHostB, patience.Token);
            statuses.Add(status);
            if (status == HttpStatusCode.OK) served.Add(tokens);
            if (status == HttpStatusCode.TooManyRequests) break;
            // While the cluster notices A is gone, a request may find the grain's silo unreachable (503); it is not counted.
            Assert.True(status is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, $"unexpected {status}");
        }

        output.WriteLine($"served {served.Count} ({served.Sum()} tokens); after the kill: {string.Join(", ", statuses)}");
        Assert.InRange(served.Sum(), QuotaClusterFixture.TokensPerDay - 10, QuotaClusterFixture.TokensPerDay);
        Assert.True(served.Count >= 20, $"{served.Count} requests of eleven tokens served from a budget of 220");
    }

    private async Task<int?> SendAsync(ClusterNode host)
    {
        var (status, tokens) = await PostAsync(host, CancellationToken.None);
        Assert.Equal(HttpStatusCode.OK, status);
        return tokens;
    }

    private static async Task<(HttpStatusCode Status, int Tokens)> PostAsync(ClusterNode host, CancellationToken cancellationToken)
    {
        using var response = await host.Http.PostJsonAsync("v1/completions", Request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK) return (response.StatusCode, 0);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return (response.StatusCode, body.RootElement.GetProperty("usage").GetProperty("total_tokens").GetInt32());
    }
}
