using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Orleans.Inference.Tests.Infrastructure;

/// <summary>
/// One of our built projects run as its own process (<c>dotnet X.dll</c> from its Release or Debug output beside the
/// tests), its output kept for failure messages. It can be killed as a crash would (SIGKILL), asked to stop (SIGTERM),
/// and started again with the same arguments.
/// </summary>
public sealed class DotnetProcess : IAsyncDisposable
{
    private const int SigTerm = 15;

    private readonly string _dll;
    private readonly IReadOnlyList<string> _arguments;
    private readonly List<string> _output = [];
    private Process? _process;

    public DotnetProcess(string project, string assembly, IReadOnlyList<string> arguments)
    {
        _dll = ProjectDll(project, assembly);
        _arguments = arguments;
    }

    /// <summary>True while the process runs.</summary>
    public bool IsRunning => _process is { HasExited: false };

    /// <summary>The exit code once it has exited.</summary>
    public int? ExitCode => _process is { HasExited: true } process ? process.ExitCode : null;

    /// <summary>Starts the process (its content root is its own output folder, so it reads its own appsettings.json).</summary>
    public void Start()
    {
        if (!File.Exists(_dll)) throw new FileNotFoundException($"Build it first (the Tests project builds it): {_dll}");
        lock (_output) _output.Clear();
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])[_dll, "--contentRoot", Path.GetDirectoryName(_dll)!, .. _arguments]) start.ArgumentList.Add(argument);
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => Remember(e.Data);
        _process.ErrorDataReceived += (_, e) => Remember(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Kills the process at once (SIGKILL), as a crash would: connections break, nothing is drained.</summary>
    public void Kill()
    {
        if (IsRunning) _process!.Kill(entireProcessTree: true);
    }

    /// <summary>Asks the process to stop (SIGTERM), as an orchestrator does: it shuts down gracefully.</summary>
    public void Terminate()
    {
        if (IsRunning && SendSignal(_process!.Id, SigTerm) != 0) throw new InvalidOperationException($"kill -TERM {_process.Id} failed.");
    }

    /// <summary>Waits until the process has exited, or throws after <paramref name="timeout"/>.</summary>
    public async Task WaitForExitAsync(TimeSpan timeout)
    {
        if (_process is null) return;
        try
        {
            await _process.WaitForExitAsync().WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{Path.GetFileNameWithoutExtension(_dll)} had not exited within {timeout}:\n{Tail(120)}");
        }
    }

    /// <summary>Kills the process if it runs and waits until it has gone, so its ports are free.</summary>
    public async Task StopAsync()
    {
        if (_process is null) return;
        Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    /// <summary>True once a line of its output contains <paramref name="text"/>.</summary>
    public bool HasWritten(string text)
    {
        lock (_output) return _output.Any(line => line.Contains(text, StringComparison.Ordinal));
    }

    /// <summary>Everything it wrote, for failure messages.</summary>
    public string Output()
    {
        lock (_output) return string.Join('\n', _output);
    }

    /// <summary>The last <paramref name="lines"/> lines it wrote, for failure messages of long-running processes.</summary>
    public string Tail(int lines)
    {
        lock (_output) return string.Join('\n', _output.TakeLast(lines));
    }

    /// <summary>.../Tests/bin/{Configuration}/{tfm}/ -> .../{project}/bin/{Configuration}/{tfm}/{assembly}.dll.</summary>
    public static string ProjectDll(string project, string assembly)
    {
        var own = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var root = own;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Orleans.Inference.sln"))) root = root.Parent;
        if (root is null) throw new InvalidOperationException("Run the tests from the repository (Orleans.Inference.sln not found above them).");
        return Path.Combine(root.FullName, project, "bin", own.Parent!.Name, own.Name, assembly + ".dll");
    }

    private void Remember(string? line)
    {
        if (line is null) return;
        lock (_output) _output.Add(line);
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);
}
