using System.Text.Json;

namespace Orleans.Inference.Tests.Infrastructure;

/// <summary>
/// A real cluster on loopback, shared by the cluster tests: its own redis-server, a compute-only Silo started first (so
/// the models that load on start live there), then two ApiHosts that join it through Redis; and two Simulator replicas
/// behind the model <see cref="HttpModel"/>. Tests may kill, stop and restart nodes; each test starts by calling
/// <see cref="EnsureAllRunningAsync"/>.
/// </summary>
public sealed class RedisClusterFixture : IAsyncLifetime
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    /// <summary>A model of kind OpenAI on the endpoint <c>replicas</c> (<see cref="Replicas"/>), loaded on start: on the Silo.</summary>
    public const string HttpModel = "http-cluster";

    public RedisProcess Redis { get; private set; } = null!;

    public ClusterNode Silo { get; private set; } = null!;

    public ClusterNode ApiHostA { get; private set; } = null!;

    public ClusterNode ApiHostB { get; private set; } = null!;

    /// <summary>The Simulator replicas behind <see cref="HttpModel"/>.</summary>
    public SimulatorProcess[] Replicas { get; private set; } = [];

    public IReadOnlyList<ClusterNode> Nodes => [Silo, ApiHostA, ApiHostB];

    public IReadOnlyList<ClusterNode> ApiHosts => [ApiHostA, ApiHostB];

    /// <summary>The settings every node gets: Redis membership, a cluster of its own, and a fast-loading sim-small.</summary>
    public List<string> Settings { get; } = [];

    public async Task InitializeAsync()
    {
        Redis = await RedisProcess.StartAsync();
        Replicas = await Task.WhenAll(SimulatorProcess.StartAsync(), SimulatorProcess.StartAsync());
        Settings.AddRange(
        [
            "--Orleans:Membership:Provider=Redis",
            $"--Orleans:Membership:Redis={Redis.ConnectionString}",
            $"--Orleans:ClusterId=cluster-tests-{Guid.NewGuid():N}",
            "--Inference:Models:sim-small:Simulation:LoadSeconds=1",
            "--Inference:Models:sim-large:Simulation:LoadSeconds=2",
            $"--Inference:Backends:replicas:Replicas:0={Replicas[0].BaseAddress}",
            $"--Inference:Backends:replicas:Replicas:1={Replicas[1].BaseAddress}",
            $"--Inference:Models:{HttpModel}:Backend=OpenAI",
            $"--Inference:Models:{HttpModel}:OwnedBy=simulator",
            $"--Inference:Models:{HttpModel}:LoadOnStart=true",
            $"--Inference:Models:{HttpModel}:OpenAI:Endpoint=replicas",
            $"--Inference:Models:{HttpModel}:OpenAI:Model=sim-instant",
            "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:Orleans.Inference=Information",
            // Timestamps, so a failure message's node output says how long each stage of a stop or start took.
            "--Logging:Console:FormatterName=simple",
            "--Logging:Console:FormatterOptions:TimestampFormat=HH:mm:ss.fff ",
            // The silo's stop and start, stage by stage.
            "--Logging:LogLevel:Orleans.Runtime.Silo=Information",
            "--Logging:LogLevel:Orleans.Runtime.SiloLifecycleSubject=Debug",
        ]);
        Silo = ClusterNode.Silo("silo", Settings);
        ApiHostA = ClusterNode.ApiHost("apihost-a", Settings);
        ApiHostB = ClusterNode.ApiHost("apihost-b", Settings);

        // Alone in the cluster, the Silo activates the models that load on start: they live there, away from both ApiHosts.
        Silo.Process.Start();
        await WaitForAsync(() => Silo.Process.HasWritten("Model sim-small: ready") && Silo.Process.HasWritten($"Model {HttpModel}: ready"),
            StartTimeout, () => Silo.Process.Output());
        ApiHostA.Process.Start();
        ApiHostB.Process.Start();
        await Task.WhenAll(ApiHosts.Select(host => host.WaitUntilReadyAsync(StartTimeout)));
        await WaitForActiveSilosAsync(3);
    }

    public async Task DisposeAsync()
    {
        foreach (var node in Nodes) await node.DisposeAsync();
        foreach (var replica in Replicas) await replica.DisposeAsync();
        await Redis.DisposeAsync();
    }

    /// <summary>Restarts any node a previous test stopped, and waits until the three silos are active.</summary>
    public async Task EnsureAllRunningAsync()
    {
        foreach (var node in Nodes.Where(node => !node.Process.IsRunning)) await RestartAsync(node);
        await WaitForActiveSilosAsync(3);
    }

    /// <summary>Starts a stopped node again on the same ports; an ApiHost is waited for until ready.</summary>
    public async Task RestartAsync(ClusterNode node)
    {
        await node.Process.StopAsync();
        node.Process.Start();
        if (node.IsApiHost) await node.WaitUntilReadyAsync(StartTimeout);
    }

    /// <summary>Waits until a running ApiHost's readiness check counts <paramref name="count"/> active silos.</summary>
    public Task WaitForActiveSilosAsync(int count) =>
        WaitForAsync(async () => await ActiveSilosAsync() == count, StartTimeout, () => $"expected {count} active silos{NodeOutput()}");

    /// <summary>Active silos as a running ApiHost's readiness check reports them; -1 when none answers.</summary>
    public async Task<int> ActiveSilosAsync()
    {
        foreach (var host in ApiHosts.Where(host => host.Process.IsRunning))
        {
            try
            {
                using var json = JsonDocument.Parse(await host.Http.GetStringAsync("health/ready"));
                var description = json.RootElement.GetProperty("checks").GetProperty("silo").GetProperty("description").GetString()!;
                var match = System.Text.RegularExpressions.Regex.Match(description, @"(\d+) active silo");
                if (match.Success) return int.Parse(match.Groups[1].Value);
            }
            catch (HttpRequestException)
            {
                // Not serving (yet, or any more): ask the next one.
            }
        }

        return -1;
    }

    /// <summary>The last lines each node wrote, for a failure message.</summary>
    public string NodeOutput(int lines = 40) =>
        string.Concat(Nodes.Select(node => $"\n--- {node.Name} ({(node.Process.IsRunning ? "running" : $"exited {node.Process.ExitCode}")}):\n{node.Process.Tail(lines)}"));

    /// <summary>Each model's state and silo, as an ApiHost's /admin/models reports them.</summary>
    public async Task<Dictionary<string, (string State, string? Silo)>> ModelsAsync(ClusterNode host)
    {
        using var json = JsonDocument.Parse(await host.Http.GetStringAsync("admin/models"));
        return json.RootElement.GetProperty("data").EnumerateArray().ToDictionary(
            model => model.GetProperty("id").GetString()!,
            model => (model.GetProperty("state").GetString()!, model.TryGetProperty("silo", out var silo) ? silo.GetString() : null));
    }

    /// <summary>The node whose silo holds <paramref name="modelId"/>.</summary>
    public async Task<ClusterNode> NodeHostingAsync(string modelId)
    {
        var host = ApiHosts.First(node => node.Process.IsRunning);
        var silo = (await ModelsAsync(host))[modelId].Silo;
        return Nodes.Single(node => node.Hosts(silo));
    }

    /// <summary>Polls <paramref name="condition"/> until it holds, or fails after <paramref name="timeout"/> with <paramref name="describe"/>.</summary>
    public static async Task WaitForAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string> describe)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await condition()) return;
            await Task.Delay(100);
        }

        throw new TimeoutException($"Not reached within {timeout}: {describe()}");
    }

    public static Task WaitForAsync(Func<bool> condition, TimeSpan timeout, Func<string> describe) =>
        WaitForAsync(() => Task.FromResult(condition()), timeout, describe);
}

/// <summary>The cluster tests share one cluster and run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class RedisClusterCollection : ICollectionFixture<RedisClusterFixture>
{
    public const string Name = "redis-cluster";
}
