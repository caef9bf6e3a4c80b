using System.Net.Http.Json;
using System.Text.Json;
using Orleans.Inference.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Orleans.Inference.Tests.Grains.Hosting;

/// <summary>
/// A real 3-process cluster on loopback (a compute-only Silo and two ApiHosts, joined through their own redis-server):
/// requests through either ApiHost reach models on any silo; a killed silo costs only fast 503s or retried requests and
/// its models reload elsewhere; a stopped silo drains without a failed request; a joining node takes work without errors.
/// </summary>
[Collection(RedisClusterCollection.Name)]
public sealed class RedisClusterTests(RedisClusterFixture cluster, ITestOutputHelper output) : IAsyncLifetime
{
    private const string Model = "sim-small";
    private static readonly TimeSpan Recovery = TimeSpan.FromSeconds(60);

    public Task InitializeAsync() => cluster.EnsureAllRunningAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Requests_ThroughEitherApiHost_ReachModelsOnAnySilo()
    {
        var models = await cluster.ModelsAsync(cluster.ApiHostA);
        var crossings = 0;
        foreach (var host in cluster.ApiHosts)
        {
            foreach (var model in new[] { "sim-small", "sim-instant" })
            {
                using var response = await host.Http.PostAsJsonAsync("v1/completions", new { model, prompt = "Hello", max_tokens = 4 });
                Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
                using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                Assert.False(string.IsNullOrEmpty(json.RootElement.GetProperty("choices")[0].GetProperty("text").GetString()));
                var silo = models[model].Silo;
                Assert.Contains(cluster.Nodes, node => node.Hosts(silo));
                if (!host.Hosts(silo)) crossings++;
            }
        }

        // Both ApiHosts see the same models on the same silos: at least one of them (here both) serves them across silos.
        var seenByB = await cluster.ModelsAsync(cluster.ApiHostB);
        Assert.All(models, model => Assert.Equal(model.Value.Silo, seenByB[model.Key].Silo));
        Assert.True(crossings >= 2, $"{crossings} requests crossed silos");
    }

    [Fact]
    public async Task SiloKilled_UnderLoad_FailsFastOrRetriesAndReloadsItsModelsElsewhere()
    {
        var victim = await cluster.NodeHostingAsync(Model);
        await using var load = new ClusterLoad(cluster.ApiHosts.Where(h => h != victim).Select(h => h.BaseAddress).ToList(), Model);
        await load.WaitForSuccessesAsync(20, TimeSpan.Zero, Recovery);

        var killedAt = load.Now;
        victim.Process.Kill();
        await load.WaitForSuccessesAsync(20, killedAt, Recovery, () => cluster.NodeOutput(150));
        var outcomes = await load.StopAsync();

        var firstRecovered = outcomes.Where(o => o.Started >= killedAt && o.Result == ClusterLoad.Result.Ok).Min(o => o.Ended) - killedAt;
        var slowest = outcomes.Max(o => o.Ended - o.Started);
        output.WriteLine($"killed {victim.Name}; {load.Summary()}; first request sent after the kill succeeded {firstRecovered.TotalSeconds:F2} s after it; slowest request {slowest.TotalSeconds:F2} s");
        Assert.DoesNotContain(outcomes, o => o.Result is ClusterLoad.Result.Failed or ClusterLoad.Result.Hung);
        Assert.True(firstRecovered < TimeSpan.FromSeconds(15), $"recovery took {firstRecovered}");

        var models = await cluster.ModelsAsync(cluster.ApiHosts.First(h => h != victim));
        Assert.Equal("Ready", models[Model].State);
        Assert.False(victim.Hosts(models[Model].Silo), $"{Model} is still on the killed silo");
    }

    [Fact]
    public async Task SiloStopped_UnderLoad_DrainsWithoutAFailedRequest()
    {
        var victim = await cluster.NodeHostingAsync(Model);
        await using var load = new ClusterLoad(cluster.ApiHosts.Where(h => h != victim).Select(h => h.BaseAddress).ToList(), Model);
        await load.WaitForSuccessesAsync(20, TimeSpan.Zero, Recovery);

        var stoppedAt = load.Now;
        var stoppedAtClock = DateTime.Now;
        victim.Process.Terminate();
        await victim.Process.WaitForExitAsync(Recovery);
        await load.WaitForSuccessesAsync(20, stoppedAt, Recovery, () => cluster.NodeOutput(150));
        var outcomes = await load.StopAsync();

        output.WriteLine($"stopped {victim.Name} at {stoppedAt} (exit code {victim.Process.ExitCode}); {load.Summary()}");
        var failed = outcomes.Where(o => o.Result != ClusterLoad.Result.Ok).ToList();
        // The stop's stages, timed, are in the victim's last lines (its silo's lifecycle logs at debug level here).
        Assert.True(failed.Count == 0, $"{failed.Count} request(s) failed after the stop at {stoppedAt} ({stoppedAtClock:HH:mm:ss.fff}): "
            + string.Concat(failed.Take(5).Select(o => $"\n  {o.Result} at {o.Started}-{o.Ended}: {o.Detail}")) + cluster.NodeOutput(150));
        Assert.Equal(0, victim.Process.ExitCode);
    }

    [Fact]
    public async Task NodeJoining_UnderLoad_JoinsAndServesWithoutErrors()
    {
        await using var joining = ClusterNode.ApiHost("apihost-joining", cluster.Settings);
        await using var load = new ClusterLoad(cluster.ApiHosts.Select(h => h.BaseAddress).ToList(), Model);
        await load.WaitForSuccessesAsync(20, TimeSpan.Zero, Recovery);

        joining.Process.Start();
        await joining.WaitUntilReadyAsync(RedisClusterFixture.StartTimeout);
        await cluster.WaitForActiveSilosAsync(4);
        using (var response = await joining.Http.PostAsJsonAsync("v1/completions", new { model = Model, prompt = "Hello", max_tokens = 4 }))
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var joinedAt = load.Now;
        await load.WaitForSuccessesAsync(20, joinedAt, Recovery);
        var outcomes = await load.StopAsync();

        output.WriteLine($"joined; {load.Summary()}");
        Assert.All(outcomes, o => Assert.True(o.Result == ClusterLoad.Result.Ok, $"{o.Result} at {o.Started}: {o.Detail}"));
        joining.Process.Terminate();
        await joining.Process.WaitForExitAsync(Recovery);
        await cluster.WaitForActiveSilosAsync(3);
    }

    [Fact]
    public async Task ClientModeApiHost_JoinsNoSilo_ButServesCompletionsStreamsAndTheAdminApi()
    {
        await using var client = ClusterNode.ApiHost("apihost-client", [.. cluster.Settings, "--Orleans:Mode=Client"]);
        client.Process.Start();
        await client.WaitUntilReadyAsync(RedisClusterFixture.StartTimeout);
        var http = client.Http;

        using (var response = await http.PostAsJsonAsync("v1/completions", new { model = Model, prompt = "Hello", max_tokens = 4 }))
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        using (var streamed = await http.PostAsJsonAsync("v1/completions", new { model = Model, prompt = "Hello", max_tokens = 4, stream = true }))
        {
            var events = await ServerSentEvents.ReadAllDataAsync(streamed);
            Assert.Equal("[DONE]", events[^1]);
            Assert.True(events.Count > 1, "tokens came before [DONE]");
        }

        using (var models = await http.GetAsync("admin/models")) Assert.Contains($"\"{Model}\"", await models.Content.ReadAsStringAsync());
        // A client is no member: the cluster still counts three silos.
        Assert.Equal(3, await cluster.ActiveSilosAsync());
        client.Process.Terminate();
        await client.Process.WaitForExitAsync(Recovery);
    }
}
