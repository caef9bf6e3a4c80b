using System.Text.Json;
using Orleans.Inference.Bench.Targets;

namespace Orleans.Inference.Bench;

/// <summary>The Bench's entry point (not named Program, so that tests can see both it and the ApiHost's).</summary>
internal static class BenchProgram
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == FloorServer.Command)
        {
            await FloorServer.RunAsync(args[1..]);
            return 0;
        }

        if (args.Length > 0 && args[0] == ProxyServer.Command)
        {
            await ProxyServer.RunAsync(args[1..]);
            return 0;
        }

        BenchOptions options;
        try
        {
            options = BenchOptions.Parse(args);
        }
        catch (ArgumentException error)
        {
            Console.Error.WriteLine(error.Message);
            Console.Error.WriteLine("usage: dotnet run -c Release --project Bench -- <scenario> [--url URL] [--duration S] [--warmup S] [--settle S] [--clients N] [--rate R] [--model M] [--max-tokens N] [--only TEXT] [--json FILE] [--report DIR]");
            return 2;
        }

        var machine = $"{Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}";
        Console.WriteLine($"Orleans.Inference Bench: {machine}; simulated backend (figures describe the gateway, not a real model).");

        // One shared, pooled client for all load, as a real client would hold.
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
        {
            Timeout = TimeSpan.FromSeconds(30),
        };
        var results = await Scenarios.RunAsync(options, http, Console.Out);
        if (options.JsonFile is not null)
        {
            if (Path.GetDirectoryName(Path.GetFullPath(options.JsonFile)) is { } directory) Directory.CreateDirectory(directory);
            await File.WriteAllTextAsync(options.JsonFile, JsonSerializer.Serialize(results, new JsonSerializerOptions { WriteIndented = true }));
            Console.WriteLine($"Wrote {options.JsonFile}");
        }

        if (options.ReportDirectory is not null)
        {
            Console.WriteLine($"Wrote {Reporting.MarkdownReport.Write(options.ReportDirectory, results, machine)}");
        }

        return 0;
    }
}
