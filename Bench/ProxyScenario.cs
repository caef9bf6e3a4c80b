using System.Globalization;
using System.Text.Json.Nodes;
using Orleans.Inference.Bench.Load;
using Orleans.Inference.Bench.Reporting;
using Orleans.Inference.Bench.Targets;
using static Orleans.Inference.Bench.Scenarios;

namespace Orleans.Inference.Bench;

/// <summary>
/// The <c>proxy</c> scenario of issue #22: the Simulator's zero-cost model behind a minimal YARP reverse proxy and behind
/// the gateway (an <c>OpenAI</c> backend model pointed at the same Simulator), chat and completions, whole and streamed,
/// 10 and 64 clients, in one run; then the gateway's figures as ratios of YARP's.
/// </summary>
internal static class ProxyScenario
{
    public const string Name = "proxy";

    /// <summary>The gateway's model, served by the Simulator's <c>sim-instant</c>.</summary>
    private const string Served = "bench-proxy";

    /// <summary>The Simulator's zero-cost model, which YARP's clients name directly.</summary>
    private const string Upstream = "sim-instant";

    private const int MaxTokens = 16;

    private static readonly Row[] Rows =
    [
        .. from kind in new[] { "chat", "completions" }
           from stream in new[] { false, true }
           from clients in new[] { 10, 64 }
           select new Row(kind, stream, clients),
    ];

    public static async Task<List<RunResult>> RunAsync(BenchOptions options, HttpClient http, TextWriter output)
    {
        var peer = await MeasureAllAsync("yarp", ServerSpec.ProxyPeer, Upstream, options, http);
        var ours = await MeasureAllAsync("gateway", ServerSpec.ApiHost("gateway", Served, Settings()) with { WithSimulator = true }, Served, options, http);
        var compared = ours.Select((result, i) => result with { Peer = PeerComparison.Of(result, peer[i]) }).ToList();
        WriteComparison(output, compared);
        return [.. peer, .. compared];
    }

    private static async Task<List<RunResult>> MeasureAllAsync(string series, ServerSpec spec, string model, BenchOptions options, HttpClient http)
    {
        var results = new List<RunResult>();
        await using var server = await spec.StartAsync(null, http);
        var upstream = server.Companions[0];
        foreach (var row in Rows.Where(row => options.Only is null || row.ToString().Contains(options.Only, StringComparison.Ordinal)))
        {
            var load = Scenarios.Load(options, row.Body(model), row.Clients) with { Path = row.Path, Streaming = row.Stream };
            var opened = (await StatsAsync(upstream, http)).Total;
            using var sampling = new CancellationTokenSource();
            // Its own stats connection excepted.
            var peak = PeakSampler.SampleAsync(async () => (await StatsAsync(upstream, http)).Open - 1, TimeSpan.FromMilliseconds(50), sampling.Token);
            var result = await MeasureAsync(Name, new RunPlan($"{series}: {row}", series, spec, load), server, options, http);
            await sampling.CancelAsync();
            result = result with { UpstreamConnections = (await StatsAsync(upstream, http)).Total - opened, UpstreamPeakConnections = (int?)await peak };
            ConsoleReport.Write(result);
            results.Add(result);
        }

        return results;
    }

    /// <summary>Connections the Simulator has accepted so far, and has open now (its <c>/stats</c>).</summary>
    private static async Task<(int Total, int Open)> StatsAsync(ServerProcess simulator, HttpClient http)
    {
        var stats = JsonNode.Parse(await http.GetStringAsync(new Uri(simulator.BaseAddress, "stats")))!;
        return (stats["connections_total"]!.GetValue<int>(), stats["open_connections"]!.GetValue<int>());
    }

    /// <summary>
    /// The gateway as issue #22 measures it: batches of up to 64, 16 at once, no continuous usage stats, completions that
    /// share their sampling sent as one array request, and the Simulator's own connection limit left to the pool.
    /// </summary>
    private static Dictionary<string, string> Settings() => new()
    {
        [$"Inference__Models__{Served}__Backend"] = "OpenAI",
        [$"Inference__Models__{Served}__OwnedBy"] = "simulator",
        [$"Inference__Models__{Served}__LoadOnStart"] = "true",
        [$"Inference__Models__{Served}__OpenAI__Endpoint"] = ServerSpec.SimulatorEndpoint,
        [$"Inference__Models__{Served}__OpenAI__Model"] = Upstream,
        [$"Inference__Models__{Served}__OpenAI__ArrayBatching"] = "true",
        [$"Inference__Models__{Served}__OpenAI__ContinuousUsageStats"] = "false",
        [$"Inference__Models__{Served}__Batching__MaxBatchSize"] = "64",
        [$"Inference__Models__{Served}__Batching__MaxConcurrentBatches"] = "16",
    };

    private static void WriteComparison(TextWriter output, IReadOnlyList<RunResult> ours)
    {
        output.WriteLine();
        output.WriteLine("gateway / YARP, same run (goals: chat whole 64 clients >= 1.0, 10 clients >= 0.8; streams >= 0.8 and TTFT p50 within 0.3 ms;");
        output.WriteLine("CPU per request <= 1.3 in every row; array-batched completions at 64 clients >= 2.0). p99 on 2 shared cores is mostly the machine's noise.");
        output.WriteLine($"{"config",-34} {"YARP rps",9} {"ours rps",9} {"rps",6} {"cpu",6} {"ttft +ms",9} {"conns opened",13} {"peak open",10}");
        foreach (var r in ours)
        {
            var peer = r.Peer!;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{r.Config["gateway: ".Length..],-34} {peer.PeerRps,9:F0} {r.Rps,9:F0} {peer.RpsRatio,6:F2} {Opt(peer.CpuRatio),6} {Opt(peer.TtftDeltaMs),9} {r.UpstreamConnections,13} {r.UpstreamPeakConnections,10}"));
        }
    }

    private static string Opt(double? value) => value is { } v ? v.ToString("F2", CultureInfo.InvariantCulture) : "-";

    /// <summary>One configuration of the table.</summary>
    private sealed record Row(string Kind, bool Stream, int Clients)
    {
        private const string Messages = "\"messages\":[{\"role\":\"user\",\"content\":\"Hello from the bench\"}]";
        private const string Prompt = "\"prompt\":\"Hello from the bench\"";
        private const string Streamed = ",\"stream\":true,\"stream_options\":{\"include_usage\":true}";

        public string Path => Kind == "chat" ? "v1/chat/completions" : "v1/completions";

        public string Body(string model)
        {
            var input = Kind == "chat" ? Messages : Prompt;
            var stream = Stream ? Streamed : string.Empty;
            return $$"""{"model":"{{model}}",{{input}},"max_tokens":{{MaxTokens}}{{stream}}}""";
        }

        public override string ToString() => $"{Kind}, {(Stream ? "streamed" : "whole")}, {Clients} clients";
    }
}
