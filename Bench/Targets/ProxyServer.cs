using System.Globalization;
using Yarp.ReverseProxy.Configuration;

namespace Orleans.Inference.Bench.Targets;

/// <summary>
/// The peer of the <c>proxy</c> scenario: a minimal YARP reverse proxy host in front of the same upstream as the gateway,
/// with YARP's own pooled client. It forwards bytes: no parsing, batching or resilience. What a user could run instead of
/// the gateway, so what the gateway's HTTP path should cost no more than.
/// </summary>
internal static class ProxyServer
{
    public const string Command = "serve-proxy";

    /// <summary>The environment variable that carries the upstream's base address.</summary>
    public const string UpstreamVariable = "BENCH_PROXY_UPSTREAM";

    public static async Task RunAsync(string[] args)
    {
        var upstream = Environment.GetEnvironmentVariable(UpstreamVariable)
            ?? throw new InvalidOperationException($"{UpstreamVariable} must name the upstream's base address.");
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddReverseProxy().LoadFromMemory(
            [new RouteConfig { RouteId = "openai", ClusterId = "upstream", Match = new RouteMatch { Path = "/v1/{**rest}" } }],
            [new ClusterConfig { ClusterId = "upstream", Destinations = new Dictionary<string, DestinationConfig> { ["simulator"] = new() { Address = upstream } } }]);
        var app = builder.Build();
        app.MapGet("/ready", () => "ok");
        // The gateway's Prometheus names for the JIT's time and the bytes allocated, so the Bench warms and measures both alike.
        app.MapGet("/metrics", () => string.Create(CultureInfo.InvariantCulture,
            $"dotnet_jit_compilation_time_seconds_total {System.Runtime.JitInfo.GetCompilationTime().TotalSeconds}\n" +
            $"inference_process_allocated_bytes {GC.GetTotalAllocatedBytes(precise: true)}\n"));
        app.MapReverseProxy();
        await app.RunAsync();
    }
}
