using System.Diagnostics;
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

    private readonly string[] _settings;
    private readonly int _port;
    private readonly List<string> _output = [];
    private Process? _process;

    private SimulatorProcess(string[] settings)
    {
        _settings = settings;
        _port = ApiHostFactory.FreePort();
        BaseAddress = new Uri($"http://127.0.0.1:{_port}/");
        Http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        Leaving = new HttpClient(new SocketsHttpHandler { MaxResponseDrainSize = 0 }) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    /// <summary>The server's base address, e.g. http://127.0.0.1:41234/; the same after <see cref="RestartAsync"/>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>One pooled client, as an application would hold.</summary>
    public HttpClient Http { get; }

    /// <summary>A client that closes its connection when it disposes an unfinished response, as a client that leaves does.</summary>
    public HttpClient Leaving { get; }

    /// <summary>True while the process runs.</summary>
    public bool IsRunning => _process is { HasExited: false };

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
    public void Kill()
    {
        if (IsRunning) _process!.Kill(entireProcessTree: true);
    }

    /// <summary>Kills the process and waits until it has gone, so its port is free.</summary>
    public async Task StopAsync()
    {
        if (_process is null) return;
        Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
        _process = null;
    }

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
        var dll = SimulatorDll();
        if (!File.Exists(dll)) throw new FileNotFoundException($"Build the Simulator first (the Tests project builds it): {dll}");
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])[dll, "--urls", BaseAddress.ToString().TrimEnd('/'), .. _settings]) start.ArgumentList.Add(argument);
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => Remember(e.Data);
        _process.ErrorDataReceived += (_, e) => Remember(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var timeout = new CancellationTokenSource(StartTimeout);
        while (!timeout.IsCancellationRequested)
        {
            if (_process.HasExited) throw new InvalidOperationException($"The Simulator exited with code {_process.ExitCode}:\n{Output()}");
            try
            {
                using var response = await Http.GetAsync("v1/models");
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(50, CancellationToken.None);
        }

        throw new TimeoutException($"The Simulator did not serve within {StartTimeout}:\n{Output()}");
    }

    private void Remember(string? line)
    {
        if (line is null) return;
        lock (_output) _output.Add(line);
    }

    private string Output()
    {
        lock (_output) return string.Join('\n', _output);
    }

    /// <summary>.../Tests/bin/{Configuration}/{tfm}/ -> .../Simulator/bin/{Configuration}/{tfm}/Orleans.Inference.Simulator.dll.</summary>
    private static string SimulatorDll()
    {
        var own = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var root = own;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Orleans.Inference.sln"))) root = root.Parent;
        if (root is null) throw new InvalidOperationException("Run the tests from the repository (Orleans.Inference.sln not found above them).");
        return Path.Combine(root.FullName, "Simulator", "bin", own.Parent!.Name, own.Name, "Orleans.Inference.Simulator.dll");
    }
}
