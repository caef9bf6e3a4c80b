using System.Net;
using System.Net.Http.Json;
using Orleans.Inference.Tests.Infrastructure;

namespace Orleans.Inference.Tests.Silo;

/// <summary>
/// A compute-only Silo of a real Redis cluster is watched as the ApiHost is: its own /metrics shows the batches, queues,
/// backend connections and resilience events of the models it runs, and it answers /health/live and /health/ready.
/// </summary>
[Collection(RedisClusterCollection.Name)]
public sealed class SiloObservabilityTests(RedisClusterFixture cluster) : IAsyncLifetime
{
    public Task InitializeAsync() => cluster.EnsureAllRunningAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Metrics_AfterLoadWithAReplicaFailing_ShowTheSilosBatchesQueuesConnectionsAndRetries()
    {
        await PlaceOnTheSiloAsync(RedisClusterFixture.HttpModel);
        var failing = cluster.Replicas[1];
        await failing.SetFaultsAsync(new SimulatorFaults(ErrorRate: 1, ErrorStatus: 500));
        try
        {
            for (var i = 0; i < 20; i++)
            {
                using var response = await cluster.ApiHostA.Http.PostAsJsonAsync(
                    "v1/completions", new { model = RedisClusterFixture.HttpModel, prompt = $"Hello {i}", max_tokens = 4 });
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }
        }
        finally
        {
            await failing.SetFaultsAsync(new SimulatorFaults());
        }

        var scrape = await cluster.Silo.Http.GetStringAsync("metrics");
        var silo = $"model=\"{RedisClusterFixture.HttpModel}\"";
        Assert.Contains(Lines(scrape, "inference_batch_size"), line => line.Contains(silo, StringComparison.Ordinal));
        Assert.Contains(Lines(scrape, "inference_queue_length"), line => line.Contains(silo, StringComparison.Ordinal));
        Assert.Contains(Lines(scrape, "http_client_open_connections"), line => line.Contains($"server_port=\"{failing.BaseAddress.Port}\"", StringComparison.Ordinal)
            || line.Contains($"server_port=\"{cluster.Replicas[0].BaseAddress.Port}\"", StringComparison.Ordinal));
        Assert.Contains(Lines(scrape, "resilience_polly_strategy_events_total"), line => line.Contains("event_name=\"OnRetry\"", StringComparison.Ordinal)
            && line.Contains("pipeline_name=\"replicas\"", StringComparison.Ordinal));
        // The ApiHost that took the requests ran none of their batches: the retries are the Silo's to show.
        Assert.DoesNotContain(Lines(await cluster.ApiHostA.Http.GetStringAsync("metrics"), "resilience_polly_strategy_events_total"),
            line => line.Contains("pipeline_name=\"replicas\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Health_OfAnActiveSilo_IsLiveAndReady()
    {
        using var live = await cluster.Silo.Http.GetAsync("health/live");
        using var ready = await cluster.Silo.Http.GetAsync("health/ready");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    /// <summary>
    /// The model loads on the Silo when the cluster starts; a test before this one may have moved it to an ApiHost (by
    /// killing the Silo). Restarting the node that holds it moves it again, until it is back on the Silo.
    /// </summary>
    private async Task PlaceOnTheSiloAsync(string model)
    {
        for (var moves = 0; await cluster.NodeHostingAsync(model) is var node && node != cluster.Silo; moves++)
        {
            Assert.True(moves < 6, $"{model} stayed off the Silo through {moves} restarts of the node holding it");
            await cluster.RestartAsync(node);
            await cluster.WaitForActiveSilosAsync(3);
            await RedisClusterFixture.WaitForAsync(
                async () => (await cluster.ModelsAsync(cluster.ApiHostA)).TryGetValue(model, out var status) && status.State == "Ready",
                RedisClusterFixture.StartTimeout, () => $"{model} ready again");
        }
    }

    private static IEnumerable<string> Lines(string scrape, string name) =>
        scrape.Split('\n').Where(line => line.StartsWith(name, StringComparison.Ordinal));
}
