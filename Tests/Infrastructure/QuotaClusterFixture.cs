namespace Orleans.Inference.Tests.Infrastructure;

/// <summary>
/// Two ApiHosts in one cluster on their own redis-server (membership and grain state), both with one key that has a
/// daily token budget: where a quota has to hold across gateway processes.
/// </summary>
public sealed class QuotaClusterFixture : IAsyncLifetime
{
    public const string Key = "sk-test-cluster-quota-7c3e";

    /// <summary>Twenty requests' worth of the fixture's requests (a one-word prompt and ten tokens: eleven each).</summary>
    public const int TokensPerDay = 220;

    public RedisProcess Redis { get; private set; } = null!;

    public ClusterNode ApiHostA { get; private set; } = null!;

    public ClusterNode ApiHostB { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Redis = await RedisProcess.StartAsync();
        List<string> settings =
        [
            "--Orleans:Membership:Provider=Redis",
            $"--Orleans:Membership:Redis={Redis.ConnectionString}",
            $"--Orleans:ClusterId=quota-tests-{Guid.NewGuid():N}",
            $"--Auth:ApiKeys:0:Key={Key}",
            "--Auth:ApiKeys:0:Name=shared-budget",
            $"--Auth:ApiKeys:0:TokensPerDay={TokensPerDay}",
            "--Inference:Models:sim-small:LoadOnStart=false",
            "--Logging:LogLevel:Default=Warning",
        ];
        ApiHostA = ClusterNode.ApiHost("apihost-a", settings);
        ApiHostB = ClusterNode.ApiHost("apihost-b", settings);
        foreach (var host in new[] { ApiHostA, ApiHostB })
        {
            host.Http.DefaultRequestHeaders.Authorization = new("Bearer", Key);
            host.Process.Start();
        }

        await Task.WhenAll(ApiHostA.WaitUntilReadyAsync(RedisClusterFixture.StartTimeout), ApiHostB.WaitUntilReadyAsync(RedisClusterFixture.StartTimeout));
    }

    public async Task DisposeAsync()
    {
        await ApiHostA.DisposeAsync();
        await ApiHostB.DisposeAsync();
        await Redis.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class QuotaClusterCollection : ICollectionFixture<QuotaClusterFixture>
{
    public const string Name = "quota-cluster";
}
