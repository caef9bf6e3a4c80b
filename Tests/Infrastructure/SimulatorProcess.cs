using System.Net.Http.Json;
using System.Text.Json;

namespace Orleans.Inference.Tests.Infrastructure;

/// <summary>
/// The real Simulator, started as its own process (<c>dotnet Orleans.Inference.Simulator.dll</c>, built beside the
/// tests) on a loopback port it keeps across restarts, so a test can kill a replica and bring it back on the same URL.
/// </summary>
public sealed class SimulatorProcess : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly DotnetProcess _process;

    private SimulatorProcess(string[] settings)
    {
        BaseAddress = new Uri($"http://127.0.0.1:{ApiHostFactory.FreePort()}/");
        _process = new DotnetProcess("Simulator", "Orleans.Inference.Simulator", ["--urls", BaseAddress.ToString().TrimEnd('/'), .. settings]);
        // Idle connections go before the Simulator's keep-alive (5 s) closes them, or a test's own call can meet one it closed.
        Http = new HttpClient(new SocketsHttpHandler { PooledConnectionIdleTimeout = TimeSpan.FromSeconds(2) })
        {
            BaseAddress = BaseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };
        Leaving = new HttpClient(new SocketsHttpHandler { MaxResponseDrainSize = 0 }) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    /// <summary>The server's base address, e.g. http://127.0.0.1:41234/; the same after <see cref="RestartAsync"/>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>One pooled client, as an application would hold.</summary>
    public HttpClient Http { get; }

    /// <summary>A client that closes its connection when it disposes an unfinished response, as a client that leaves does.</summary>
    public HttpClient Leaving { get; }

    /// <summary>True while the process runs.</summary>
    public bool IsRunning => _process.IsRunning;

    /// <summary>Starts a Simulator and waits until it serves; <paramref name="settings"/> are <c>--Key=Value</c> arguments.</summary>
    public static async Task<SimulatorProcess> StartAsync(params string[] settings)
    {
        var simulator = new SimulatorProcess(settings);
        try
        {
            await simulator.LaunchAsync();
            return simulator;
        }
        catch
        {
            await simulator.DisposeAsync();
            throw;
        }
    }

    public async Task<SimulatorStats> GetStatsAsync() =>
        (await Http.GetFromJsonAsync<SimulatorStats>("stats", Json))!;

    /// <summary>Replaces the fault injection (<c>PUT /admin/faults</c>); <c>new SimulatorFaults()</c> turns it off.</summary>
    public async Task SetFaultsAsync(SimulatorFaults faults)
    {
        using var response = await Http.PutAsJsonAsync("admin/faults", faults, Json);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Kills the process at once, as a crash would: open connections break, nothing is drained.</summary>
    public void Kill() => _process.Kill();

    /// <summary>Kills the process and waits until it has gone, so its port is free.</summary>
    public Task StopAsync() => _process.StopAsync();

    /// <summary>Stops the process if it runs, then starts a fresh one (counters from zero) on the same address.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        await LaunchAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Http.Dispose();
        Leaving.Dispose();
    }

    private async Task LaunchAsync()
    {
        _process.Start();
        using var timeout = new CancellationTokenSource(StartTimeout);
        while (!timeout.IsCancellationRequested)
        {
            if (!_process.IsRunning) throw new InvalidOperationException($"The Simulator exited with code {_process.ExitCode}:\n{_process.Output()}");
            try
            {
                // It leaves no connection behind: a Simulator serving connections on a few threads would lose one to it
                // for its keep-alive, and the tests of that mode count on all of them.
                using var probe = new HttpRequestMessage(HttpMethod.Get, "v1/models") { Headers = { ConnectionClose = true } };
                using var response = await Http.SendAsync(probe);
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(50, CancellationToken.None);
        }

        throw new TimeoutException($"The Simulator did not serve within {StartTimeout}:\n{_process.Output()}");
    }
}
