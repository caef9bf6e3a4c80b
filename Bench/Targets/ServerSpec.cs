namespace Orleans.Inference.Bench.Targets;

/// <summary>Which server a run needs: the ApiHost with some settings, the floor server, or the YARP peer.</summary>
internal sealed record ServerSpec(string Name, bool Floor, IReadOnlyDictionary<string, string> Settings, string ReadyModel)
{
    /// <summary>The endpoint name under which the ApiHost reaches the Simulator this spec starts beside it.</summary>
    public const string SimulatorEndpoint = "bench-sim";

    /// <summary>Start a Simulator first and point the ApiHost's <see cref="SimulatorEndpoint"/> at it (over loopback HTTP).</summary>
    public bool WithSimulator { get; init; }

    /// <summary>Start a Simulator and, in front of it, the YARP peer (<see cref="ProxyServer"/>) instead of the ApiHost.</summary>
    public bool Proxy { get; init; }

    /// <summary>An API key the ApiHost accepts, to ask it whether its model is ready; null when it has no keys.</summary>
    public string? ReadyKey { get; init; }

    /// <summary>More than 1: a Redis cluster of this many silos, the ApiHost's and compute-only ones holding the models (<see cref="BenchCluster"/>).</summary>
    public int Silos { get; init; } = 1;

    public static ServerSpec ApiHost(string name, string readyModel, IReadOnlyDictionary<string, string>? settings = null) =>
        new(name, false, settings ?? new Dictionary<string, string>(), readyModel);

    public static ServerSpec FloorServer { get; } = new("floor", true, new Dictionary<string, string>(), "");

    public static ServerSpec ProxyPeer { get; } = new("yarp", false, new Dictionary<string, string>(), "") { Proxy = true };

    /// <summary>Starts it from the binaries built next to the Bench (same configuration), or uses <paramref name="url"/>.</summary>
    public async Task<ServerProcess> StartAsync(Uri? url, HttpClient http)
    {
        if (url is not null) return ServerProcess.Remote(url);
        if (Floor)
        {
            return await ServerProcess.StartAsync(
                typeof(Scenarios).Assembly.Location, Targets.FloorServer.Command, new Dictionary<string, string>(), "ready", http);
        }

        if (Proxy) return await StartProxyAsync(http);

        var settings = new Dictionary<string, string>(Settings);
        var members = new List<ServerProcess>();
        if (Silos > 1)
        {
            (members, settings) = await BenchCluster.StartAsync(Silos, ReadyModel, settings, SiblingDll("Silo", "Orleans.Inference.Silo.dll"));
        }

        ServerProcess? simulator = null;
        if (WithSimulator)
        {
            simulator = await StartSimulatorAsync(http);
            settings[$"Inference__Backends__{SimulatorEndpoint}__Replicas__0"] = simulator.BaseAddress.ToString();
        }

        try
        {
            var gateway = await ServerProcess.StartAsync(
                SiblingDll("ApiHost", "Orleans.Inference.ApiHost.dll"), "", settings, $"v1/models/{ReadyModel}", http,
                body => body.Contains("\"state\":\"Ready\"", StringComparison.Ordinal), ReadyKey);
            if (simulator is not null) gateway.Companions.Add(simulator);
            gateway.Companions.AddRange(members);
            // Redis is infrastructure; the silos are the gateway, so their CPU and memory count with it.
            gateway.Members.AddRange(members.Skip(1));
            return gateway;
        }
        catch
        {
            if (simulator is not null) await simulator.DisposeAsync();
            foreach (var member in members) await member.DisposeAsync();
            throw;
        }
    }

    private static async Task<ServerProcess> StartProxyAsync(HttpClient http)
    {
        var simulator = await StartSimulatorAsync(http);
        try
        {
            var proxy = await ServerProcess.StartAsync(typeof(Scenarios).Assembly.Location, Targets.ProxyServer.Command,
                new Dictionary<string, string> { [Targets.ProxyServer.UpstreamVariable] = simulator.BaseAddress.ToString() }, "ready", http);
            proxy.Companions.Add(simulator);
            return proxy;
        }
        catch
        {
            await simulator.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts a Simulator (with <paramref name="settings"/> as environment variables) and waits until it serves.</summary>
    public static Task<ServerProcess> StartSimulatorAsync(HttpClient http, IDictionary<string, string>? settings = null) =>
        ServerProcess.StartAsync(SiblingDll("Simulator", "Orleans.Inference.Simulator.dll"), "", settings ?? new Dictionary<string, string>(), "v1/models", http);

    private static string SiblingDll(string project, string dll)
    {
        // .../Bench/bin/<Configuration>/<tfm>/ -> .../<project>/bin/<Configuration>/<tfm>/
        var own = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = own.Parent!.Name;
        var root = own;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Orleans.Inference.sln"))) root = root.Parent;
        if (root is null) throw new InvalidOperationException("Run the Bench from the repository (Orleans.Inference.sln not found above it).");
        return Path.Combine(root.FullName, project, "bin", configuration, own.Name, dll);
    }
}
