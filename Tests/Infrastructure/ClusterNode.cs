namespace Orleans.Inference.Tests.Infrastructure;

/// <summary>
/// One process of a Redis cluster on loopback: an ApiHost (HTTP plus a co-hosted silo) or a compute-only Silo, on its
/// own silo and gateway ports, which it keeps across restarts.
/// </summary>
public sealed class ClusterNode : IAsyncDisposable
{
    private readonly DotnetProcess _process;

    private ClusterNode(string name, bool isApiHost, IEnumerable<string> settings)
    {
        Name = name;
        IsApiHost = isApiHost;
        BaseAddress = new Uri($"http://127.0.0.1:{ApiHostFactory.FreePort()}/");
        Http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        string[] ports = ["--urls", BaseAddress.ToString().TrimEnd('/'), $"--Orleans:SiloPort={SiloPort}", $"--Orleans:GatewayPort={ApiHostFactory.FreePort()}"];
        _process = isApiHost
            ? new DotnetProcess("ApiHost", "Orleans.Inference.ApiHost", [.. ports, .. settings])
            : new DotnetProcess("Silo", "Orleans.Inference.Silo", [.. ports, .. settings]);
    }

    public string Name { get; }

    public bool IsApiHost { get; }

    public int SiloPort { get; } = ApiHostFactory.FreePort();

    /// <summary>The node's HTTP address: an ApiHost's API, or a Silo's metrics and health listener.</summary>
    public Uri BaseAddress { get; }

    /// <summary>A client for <see cref="BaseAddress"/>.</summary>
    public HttpClient Http { get; }

    public DotnetProcess Process => _process;

    public static ClusterNode ApiHost(string name, IEnumerable<string> settings) => new(name, isApiHost: true, settings);

    public static ClusterNode Silo(string name, IEnumerable<string> settings) => new(name, isApiHost: false, settings);

    /// <summary>True when <paramref name="silo"/> (as <c>/admin/models</c> names it, e.g. S127.0.0.1:41234:123) is this node's silo.</summary>
    public bool Hosts(string? silo) => silo is not null && silo.Contains($":{SiloPort}:", StringComparison.Ordinal);

    /// <summary>Waits until the ApiHost answers /health/ready with 200 (its silo is active, a model is ready).</summary>
    public async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (!_process.IsRunning) throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode}:\n{_process.Output()}");
            try
            {
                using var response = await Http.GetAsync("health/ready");
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{Name} was not ready within {timeout}:\n{_process.Output()}");
    }

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        Http.Dispose();
    }
}
