using System.Diagnostics;
using System.Net.Sockets;

namespace Orleans.Inference.Tests.Infrastructure;

/// <summary>A throwaway redis-server on a free loopback port (no persistence), for one cluster fixture.</summary>
public sealed class RedisProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);
    private readonly Process _process;

    private RedisProcess(int port, Process process)
    {
        Port = port;
        _process = process;
    }

    public int Port { get; }

    /// <summary>The connection string the silos use, e.g. 127.0.0.1:41234.</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    public static async Task<RedisProcess> StartAsync()
    {
        var port = ApiHostFactory.FreePort();
        var start = new ProcessStartInfo("redis-server") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])["--bind", "127.0.0.1", "--port", port.ToString(), "--save", "", "--appendonly", "no"]) start.ArgumentList.Add(argument);
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception error)
        {
            throw new InvalidOperationException("redis-server is not installed; scripts/test.sh installs it (apt-get install redis-server).", error);
        }

        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var redis = new RedisProcess(port, process);
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port);
                return redis;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        await redis.DisposeAsync();
        throw new InvalidOperationException($"redis-server did not listen on port {port} within {StartTimeout}.");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
