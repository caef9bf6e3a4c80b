namespace Orleans.Inference.Bench.Targets;

/// <summary>Which server a run needs: the ApiHost with some settings, or the floor server.</summary>
internal sealed record ServerSpec(string Name, bool Floor, IReadOnlyDictionary<string, string> Settings, string ReadyModel)
{
    public static ServerSpec ApiHost(string name, string readyModel, IReadOnlyDictionary<string, string>? settings = null) =>
        new(name, false, settings ?? new Dictionary<string, string>(), readyModel);

    public static ServerSpec FloorServer { get; } = new("floor", true, new Dictionary<string, string>(), "");

    /// <summary>Starts it from the binaries built next to the Bench (same configuration), or uses <paramref name="url"/>.</summary>
    public async Task<ServerProcess> StartAsync(Uri? url, HttpClient http)
    {
        if (url is not null) return ServerProcess.Remote(url);
        if (Floor)
        {
            return await ServerProcess.StartAsync(
                typeof(Scenarios).Assembly.Location, Targets.FloorServer.Command, new Dictionary<string, string>(), "ready", http);
        }

        return await ServerProcess.StartAsync(
            ApiHostDll(), "", new Dictionary<string, string>(Settings), $"v1/models/{ReadyModel}", http,
            body => body.Contains("\"state\":\"Ready\"", StringComparison.Ordinal));
    }

    private static string ApiHostDll()
    {
        // .../Bench/bin/<Configuration>/<tfm>/ -> .../ApiHost/bin/<Configuration>/<tfm>/
        var own = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = own.Parent!.Name;
        var root = own;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Orleans.Inference.sln"))) root = root.Parent;
        if (root is null) throw new InvalidOperationException("Run the Bench from the repository (Orleans.Inference.sln not found above it).");
        return Path.Combine(root.FullName, "ApiHost", "bin", configuration, own.Name, "Orleans.Inference.ApiHost.dll");
    }
}
