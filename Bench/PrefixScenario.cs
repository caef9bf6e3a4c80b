using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Orleans.Inference.Bench.Load;
using Orleans.Inference.Bench.Reporting;
using Orleans.Inference.Bench.Targets;

namespace Orleans.Inference.Bench;

/// <summary>
/// The <c>prefix</c> scenario of issue #24: three Simulator replicas whose prefix cache and prefill cost make a prompt's
/// cached prefix matter (2,000-token system prompts), behind the gateway with <c>PowerOfTwoChoices</c> and then
/// <c>PrefixAffinity</c>, fresh replicas for each. 50 conversations of 5 turns, each turn's prompt the whole history so
/// far, 4 system prompts; then prompts that share nothing, to show affinity costs them nothing; then the conversations as
/// completions batched into arrays, whose prompts prefer different replicas: split by replica, or sent whole by majority.
/// </summary>
internal static class PrefixScenario
{
    public const string Name = "prefix";

    private const string Model = "bench-prefix";

    private const string Served = "sim-prefix";

    private const string Endpoint = "bench-prefix";

    private const int Replicas = 3;

    private const string Conversations = "conversations";

    private const string NoSharedPrefix = "no shared prefix";

    private const string Arrays = "completion arrays";

    /// <summary>Each workload's runs: the selection, then the endpoint's and model's settings for it.</summary>
    private static readonly (string Workload, string Selection, Dictionary<string, string> Settings)[] Runs =
    [
        (Conversations, "PowerOfTwoChoices", Chat("PowerOfTwoChoices")),
        (Conversations, "PrefixAffinity", Chat("PrefixAffinity")),
        (NoSharedPrefix, "PowerOfTwoChoices", Chat("PowerOfTwoChoices")),
        (NoSharedPrefix, "PrefixAffinity", Chat("PrefixAffinity")),
        (Arrays, "PowerOfTwoChoices", ArrayBatches("PowerOfTwoChoices", "Split")),
        (Arrays, "PrefixAffinity, split", ArrayBatches("PrefixAffinity", "Split")),
        (Arrays, "PrefixAffinity, majority", ArrayBatches("PrefixAffinity", "Majority")),
    ];

    public static async Task<List<RunResult>> RunAsync(BenchOptions options, HttpClient http, TextWriter output)
    {
        // The smoke test runs a sliver of it: the harness, not the figures.
        var small = options.Duration < TimeSpan.FromSeconds(10);
        var (conversations, turns, unique) = small ? (4, 2, 4) : (50, 5, 250);
        var clients = options.Clients ?? 10;
        var results = new List<RunResult>();
        foreach (var (workload, selection, settings) in Runs)
        {
            var simulators = new List<ServerProcess>();
            try
            {
                for (var i = 0; i < Replicas; i++) simulators.Add(await ServerSpec.StartSimulatorAsync(http, SimulatorSettings()));
                var spec = ServerSpec.ApiHost($"prefix {selection}", Model, GatewaySettings(settings, simulators));
                await using var gateway = await spec.StartAsync(null, http);
                var load = new PrefixWorkload(http, gateway.BaseAddress, Model, completions: workload == Arrays);
                // A short warm-up on prompts of their own, so the gateway's JIT is not in the figures; then fresh counters.
                await load.RunAsync(Math.Min(clients, 4), 1, clients, shared: false, seed: 999);
                var before = await Task.WhenAll(simulators.Select(simulator => StatsAsync(simulator, http)));
                var cpuBefore = gateway.CpuTime();
                var started = Stopwatch.GetTimestamp();
                var samples = workload == NoSharedPrefix
                    ? await load.RunAsync(unique, 1, clients, shared: false, seed: 2)
                    : await load.RunAsync(conversations, turns, clients, shared: true, seed: 1);
                var elapsed = Stopwatch.GetElapsedTime(started);
                var cpu = gateway.CpuTime() - cpuBefore;
                var after = await Task.WhenAll(simulators.Select(simulator => StatsAsync(simulator, http)));
                var requests = after.Select((stats, i) => stats.Requests - before[i].Requests).ToArray();
                var config = Scenarios.Load(options, "", clients) with { Duration = elapsed, Streaming = true };
                var result = Statistics.Summarize(Name, $"{workload}: {selection}", selection, config, samples, null, cpu) with
                {
                    TtftMeanMs = samples.Where(sample => !double.IsNaN(sample.TtftMs)).Average(sample => sample.TtftMs),
                    ComputedPromptTokens = after.Sum(stats => stats.Computed) - before.Sum(stats => stats.Computed),
                    BusiestReplicaLoad = requests.Max() / Math.Max(requests.Average(), 1e-9),
                    UpstreamRequests = requests.Sum(),
                };
                ConsoleReport.Write(result);
                results.Add(result);
            }
            finally
            {
                foreach (var simulator in simulators) await simulator.DisposeAsync();
            }
        }

        WriteComparison(output, results);
        return results;
    }

    /// <summary>Each workload's other runs against its first (<c>PowerOfTwoChoices</c>).</summary>
    private static void WriteComparison(TextWriter output, List<RunResult> results)
    {
        foreach (var workload in results.Select(result => result.Config[..result.Config.IndexOf(':')]).Distinct())
        {
            var rows = results.Where(result => result.Config.StartsWith(workload + ":", StringComparison.Ordinal)).ToList();
            var load = rows[0];
            foreach (var prefix in rows.Skip(1))
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"prefix, {workload}, {load.Series} -> {prefix.Series}: TTFT mean {load.TtftMeanMs:F1} -> {prefix.TtftMeanMs:F1} ms ({load.TtftMeanMs / prefix.TtftMeanMs:F2}x lower), p50 {load.TtftP50Ms:F1} -> {prefix.TtftP50Ms:F1} ms, p99 {load.TtftP99Ms:F1} -> {prefix.TtftP99Ms:F1} ms; computed prompt tokens {load.ComputedPromptTokens} -> {prefix.ComputedPromptTokens} ({(double)load.ComputedPromptTokens! / Math.Max(1, prefix.ComputedPromptTokens ?? 1):F2}x fewer); req/s {load.Rps:F1} -> {prefix.Rps:F1}; upstream requests {load.UpstreamRequests} -> {prefix.UpstreamRequests}; busiest replica {load.BusiestReplicaLoad:F2} -> {prefix.BusiestReplicaLoad:F2} of the mean; gateway CPU per request {load.CpuMsPerRequest * 1000:F0} -> {prefix.CpuMsPerRequest * 1000:F0} µs"));
            }
        }
    }

    private static async Task<(long Requests, long Computed)> StatsAsync(ServerProcess simulator, HttpClient http)
    {
        var stats = JsonNode.Parse(await http.GetStringAsync(new Uri(simulator.BaseAddress, "stats")))!;
        return (stats["requests"]!.GetValue<long>(), stats["computed_prompt_tokens"]!.GetValue<long>());
    }

    /// <summary>
    /// A prefill that dominates, as on a GPU with long prompts: 0.02 ms a prompt token (40 ms for the system prompt alone),
    /// 2 ms a decode step; a prefix cache of 5,000 tokens per replica, as a GPU's KV memory bounds it: room for two system
    /// prompts and some history, so the four fit in the three replicas together but not in each.
    /// </summary>
    private static Dictionary<string, string> SimulatorSettings() => new()
    {
        [$"Simulator__Models__{Served}__LoadSeconds"] = "0",
        [$"Simulator__Models__{Served}__StepMs"] = "2",
        [$"Simulator__Models__{Served}__PrefillMsPerToken"] = "0.02",
        [$"Simulator__Models__{Served}__PrefixCacheTokens"] = "5000",
    };

    /// <summary>Chat: every request its own upstream request, as many at once as the clients send.</summary>
    private static Dictionary<string, string> Chat(string selection) => new()
    {
        [$"Inference__Backends__{Endpoint}__Selection"] = selection,
        [$"Inference__Models__{Model}__OpenAI__ArrayBatching"] = "false",
        [$"Inference__Models__{Model}__Batching__MaxConcurrentBatches"] = "64",
    };

    /// <summary>
    /// Completions batched into arrays: one batch in flight per replica, so the others' requests gather into the next
    /// batch meanwhile, which holds prompts of several conversations.
    /// </summary>
    private static Dictionary<string, string> ArrayBatches(string selection, string arrays) => new()
    {
        [$"Inference__Backends__{Endpoint}__Selection"] = selection,
        [$"Inference__Backends__{Endpoint}__PrefixArrays"] = arrays,
        [$"Inference__Models__{Model}__OpenAI__ArrayBatching"] = "true",
        [$"Inference__Models__{Model}__Batching__MaxConcurrentBatches"] = Replicas.ToString(CultureInfo.InvariantCulture),
    };

    private static Dictionary<string, string> GatewaySettings(Dictionary<string, string> run, List<ServerProcess> simulators)
    {
        var settings = new Dictionary<string, string>(run)
        {
            [$"Inference__Models__{Model}__Backend"] = "OpenAI",
            [$"Inference__Models__{Model}__OwnedBy"] = "simulator",
            [$"Inference__Models__{Model}__LoadOnStart"] = "true",
            [$"Inference__Models__{Model}__OpenAI__Endpoint"] = Endpoint,
            [$"Inference__Models__{Model}__OpenAI__Model"] = Served,
        };
        for (var i = 0; i < simulators.Count; i++) settings[$"Inference__Backends__{Endpoint}__Replicas__{i}"] = simulators[i].BaseAddress.ToString();
        return settings;
    }
}
