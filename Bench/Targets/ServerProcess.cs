using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;

namespace Orleans.Inference.Bench.Targets;

/// <summary>
/// A server under test: a child process the Bench started (an ApiHost in Release, or the floor server),
/// or a running URL. Reads the server's CPU time and, where it serves <c>/metrics</c>, its allocated bytes.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process? _process;

    private ServerProcess(Uri baseAddress, Process? process)
    {
        BaseAddress = baseAddress;
        _process = process;
    }

    public Uri BaseAddress { get; }

    /// <summary>
    /// The request shapes (path, streamed or not) it was warmed with until its JIT settled (<see cref="Load.Settling"/>): later
    /// runs of a shape need their warm-up alone. Per shape, because a stream and a whole response run different code.
    /// </summary>
    public HashSet<(string Path, bool Streaming)> Settled { get; } = [];

    /// <summary>Processes this one depends on (the Simulator behind an ApiHost, a cluster's silos and Redis), stopped after it.</summary>
    public List<ServerProcess> Companions { get; } = [];

    /// <summary>Companions that are part of the gateway (a cluster's silos): their CPU and memory count with the server's.</summary>
    public List<ServerProcess> Members { get; } = [];

    /// <summary>Connects to a server that is already running.</summary>
    public static ServerProcess Remote(Uri url) => new(url, null);

    /// <summary>Starts <c>dotnet {dll} {args}</c> on a free loopback port and waits until <paramref name="readyPath"/> answers 200.</summary>
    public static async Task<ServerProcess> StartAsync(
        string dll, string args, IDictionary<string, string> environment, string readyPath, HttpClient http, Func<string, bool>? isReady = null,
        string? readyKey = null)
    {
        if (!File.Exists(dll)) throw new FileNotFoundException($"Build it first (dotnet build -c Release): {dll}");
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet", $"\"{dll}\" {args} --urls http://127.0.0.1:{port}")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        // Server GC's dynamic heap count (DATAS) makes the runtime's allocation counters stand still for seconds after it
        // changes the number of heaps: the same run read 12 to 37 KB per request with it on. Bytes per request need it off.
        start.Environment["DOTNET_GCDynamicAdaptationMode"] = "0";
        start.Environment["Orleans__SiloPort"] = FreePort().ToString(CultureInfo.InvariantCulture);
        start.Environment["Orleans__PrimarySiloPort"] = start.Environment["Orleans__SiloPort"];
        start.Environment["Orleans__GatewayPort"] = FreePort().ToString(CultureInfo.InvariantCulture);
        foreach (var (key, value) in environment) start.Environment[key] = value;
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine($"[server] {e.Data}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var server = new ServerProcess(new Uri($"http://127.0.0.1:{port}/"), process);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited) throw new InvalidOperationException($"The server exited with code {process.ExitCode}.");
            try
            {
                using var ask = new HttpRequestMessage(HttpMethod.Get, new Uri(server.BaseAddress, readyPath));
                if (readyKey is not null) ask.Headers.Authorization = new AuthenticationHeaderValue("Bearer", readyKey);
                using var response = await http.SendAsync(ask);
                if (response.IsSuccessStatusCode && (isReady is null || isReady(await response.Content.ReadAsStringAsync()))) return server;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        await server.DisposeAsync();
        throw new TimeoutException("The server did not become ready within 60 s.");
    }

    /// <summary>The server's CPU time so far (its cluster members' included), when the Bench started it.</summary>
    public TimeSpan? CpuTime()
    {
        if (_process is null) return null;
        _process.Refresh();
        return Members.Aggregate(_process.TotalProcessorTime, (sum, member) => sum + (member.CpuTime() ?? TimeSpan.Zero));
    }

    /// <summary>The server's working set now (its cluster members' included), when the Bench started it.</summary>
    public long? WorkingSetBytes()
    {
        if (_process is null) return null;
        _process.Refresh();
        return _process.WorkingSet64 + Members.Sum(member => member.WorkingSetBytes() ?? 0);
    }

    /// <summary>
    /// Starts a process that serves no HTTP (redis-server, a compute-only silo) and waits until it prints a line that
    /// <paramref name="isReady"/> accepts.
    /// </summary>
    public static async Task<ServerProcess> StartUntilLineAsync(ProcessStartInfo start, Func<string, bool> isReady, TimeSpan timeout)
    {
        start.UseShellExecute = false;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null && isReady(e.Data)) ready.TrySetResult(); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine($"[{Path.GetFileName(start.FileName)}] {e.Data}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new ServerProcess(new Uri("http://127.0.0.1/"), process);
        var exited = process.WaitForExitAsync();
        if (await Task.WhenAny(ready.Task, exited, Task.Delay(timeout)) == ready.Task) return server;
        await server.DisposeAsync();
        throw new InvalidOperationException($"{start.FileName} {start.Arguments} did not become ready within {timeout}.");
    }

    public static int FreeLoopbackPort() => FreePort();

    /// <summary>The server's <c>inference.process.allocated</c> (precise) from <c>/metrics</c>, or null when it has none.</summary>
    public Task<double?> AllocatedBytesAsync(HttpClient http) => MetricAsync(http, "inference_process_allocated_bytes");

    /// <summary>
    /// The managed heap as the server's last collection left it (every generation), from <c>/metrics</c>: what it holds on
    /// to, where the working set also counts what the collector has not yet given back.
    /// </summary>
    public Task<double?> HeapBytesAsync(HttpClient http) => MetricAsync(http, "dotnet_gc_last_collection_heap_size_bytes");

    /// <summary>Seconds the server's JIT has spent compiling, from <c>/metrics</c> (the runtime's <c>dotnet.jit.compilation.time</c>).</summary>
    public Task<double?> JitSecondsAsync(HttpClient http) => MetricAsync(http, "dotnet_jit_compilation_time_seconds");

    /// <summary>The sum of the series of a metric from <c>/metrics</c>, or null when the server has none.</summary>
    private async Task<double?> MetricAsync(HttpClient http, string name)
    {
        try
        {
            var text = await http.GetStringAsync(new Uri(BaseAddress, "metrics"));
            double? sum = null;
            foreach (var line in text.Split('\n'))
            {
                if (!line.StartsWith(name, StringComparison.Ordinal)) continue;
                sum = (sum ?? 0) + double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
            }

            return sum;
        }
        catch (HttpRequestException)
        {
            // No metrics endpoint.
        }

        return null;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }

            _process.Dispose();
        }

        for (var i = Companions.Count - 1; i >= 0; i--) await Companions[i].DisposeAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
