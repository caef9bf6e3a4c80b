using System.Diagnostics;
using System.Globalization;

namespace Orleans.Inference.Bench.Targets;

/// <summary>
/// A Redis-clustered gateway on this machine: redis-server, then compute-only silos (the first loads the models, so they
/// live there), then the ApiHost the load goes to. Every request then crosses a silo hop, which is what the figures show.
/// </summary>
internal static class BenchCluster
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    /// <summary>Starts Redis and <paramref name="silos"/> - 1 compute-only silos; returns them and the settings the ApiHost joins with.</summary>
    public static async Task<(List<ServerProcess> Started, Dictionary<string, string> Join)> StartAsync(
        int silos, string readyModel, IReadOnlyDictionary<string, string> settings, string siloDll)
    {
        var started = new List<ServerProcess>();
        try
        {
            var redisPort = ServerProcess.FreeLoopbackPort();
            var redis = new ProcessStartInfo("redis-server");
            foreach (var argument in (string[])["--bind", "127.0.0.1", "--port", Port(redisPort), "--save", "", "--appendonly", "no"])
                redis.ArgumentList.Add(argument);
            started.Add(await ServerProcess.StartUntilLineAsync(redis, line => line.Contains("Ready to accept connections", StringComparison.Ordinal), StartTimeout));

            var join = new Dictionary<string, string>(settings)
            {
                ["Orleans__Membership__Provider"] = "Redis",
                ["Orleans__Membership__Redis"] = $"127.0.0.1:{Port(redisPort)}",
                ["Orleans__ClusterId"] = "bench-" + Guid.NewGuid().ToString("N")[..8],
            };
            for (var i = 0; i < silos - 1; i++)
            {
                // Its metrics and health listener on a port of its own (several silos share this machine); on the command line,
                // which overrides the Urls of its appsettings.json as ASPNETCORE_URLS would not.
                var urls = $"http://127.0.0.1:{Port(ServerProcess.FreeLoopbackPort())}";
                var silo = new ProcessStartInfo("dotnet", $"\"{siloDll}\" --urls {urls}") { WorkingDirectory = Path.GetDirectoryName(siloDll)! };
                foreach (var (key, value) in join) silo.Environment[key] = value;
                silo.Environment["DOTNET_ENVIRONMENT"] = "Production";
                silo.Environment["DOTNET_GCDynamicAdaptationMode"] = "0";
                silo.Environment["Orleans__SiloPort"] = Port(ServerProcess.FreeLoopbackPort());
                silo.Environment["Orleans__GatewayPort"] = Port(ServerProcess.FreeLoopbackPort());
                // The first silo loads the models (it is alone); the others need only have started.
                var readyLine = i == 0 ? $"Model {readyModel}: ready" : "Application started";
                started.Add(await ServerProcess.StartUntilLineAsync(silo, line => line.Contains(readyLine, StringComparison.Ordinal), StartTimeout));
            }

            return (started, join);
        }
        catch
        {
            foreach (var process in started) await process.DisposeAsync();
            throw;
        }
    }

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);
}
