using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Orleans.Inference.Bench.Load;
using Orleans.Inference.Bench.Reporting;
using Orleans.Inference.Bench.Targets;

namespace Orleans.Inference.Bench;

/// <summary>
/// The <c>prefix</c> scenario of issue #24: three Simulator replicas whose prefix cache and prefill cost make a prompt's
/// cached prefix matter (2,000-token system prompts), behind the gateway with <c>PowerOfTwoChoices</c> and then
/// <c>PrefixAffinity</c>, fresh replicas for each. 50 conversations of 5 turns, each turn's prompt the whole history so
/// far, 4 system prompts; then prompts that share nothing, to show affinity costs them nothing.
/// </summary>
internal static class PrefixScenario
{
    public const string Name = "prefix";

    private const string Model = "bench-prefix";

    private const string Served = "sim-prefix";

    private const string Endpoint = "bench-prefix";

    private const int Replicas = 3;

    private const int SystemTokens = 2000;

    private const int MaxTokens = 16;

    public static async Task<List<RunResult>> RunAsync(BenchOptions options, HttpClient http, TextWriter output)
    {
        // The smoke test runs a sliver of it: the harness, not the figures.
        var small = options.Duration < TimeSpan.FromSeconds(10);
        var (conversations, turns, unique) = small ? (4, 2, 4) : (50, 5, 250);
        var clients = options.Clients ?? 10;
        var results = new List<RunResult>();
        foreach (var workload in new[] { "conversations", "no shared prefix" })
        {
            foreach (var selection in new[] { "PowerOfTwoChoices", "PrefixAffinity" })
            {
                var simulators = new List<ServerProcess>();
                try
                {
                    for (var i = 0; i < Replicas; i++) simulators.Add(await ServerSpec.StartSimulatorAsync(http, SimulatorSettings()));
                    var spec = ServerSpec.ApiHost($"prefix {selection}", Model, GatewaySettings(selection, simulators));
                    await using var gateway = await spec.StartAsync(null, http);
                    // A short warm-up on prompts of their own, so the gateway's JIT is not in the figures; then fresh counters.
                    await RunConversationsAsync(http, gateway.BaseAddress, Math.Min(clients, 4), 1, clients, shared: false, seed: 999);
                    var before = await Task.WhenAll(simulators.Select(simulator => StatsAsync(simulator, http)));
                    var cpuBefore = gateway.CpuTime();
                    var started = Stopwatch.GetTimestamp();
                    var samples = workload == "conversations"
                        ? await RunConversationsAsync(http, gateway.BaseAddress, conversations, turns, clients, shared: true, seed: 1)
                        : await RunConversationsAsync(http, gateway.BaseAddress, unique, 1, clients, shared: false, seed: 2);
                    var elapsed = Stopwatch.GetElapsedTime(started);
                    var cpu = gateway.CpuTime() - cpuBefore;
                    var after = await Task.WhenAll(simulators.Select(simulator => StatsAsync(simulator, http)));
                    var requests = after.Select((stats, i) => stats.Requests - before[i].Requests).ToArray();
                    var load = Scenarios.Load(options, "", clients) with { Duration = elapsed, Streaming = true };
                    var config = $"{workload}: {selection}";
                    var result = Statistics.Summarize(Name, config, selection, load, samples, null, cpu) with
                    {
                        TtftMeanMs = samples.Where(sample => !double.IsNaN(sample.TtftMs)).Average(sample => sample.TtftMs),
                        ComputedPromptTokens = after.Sum(stats => stats.Computed) - before.Sum(stats => stats.Computed),
                        BusiestReplicaLoad = requests.Max() / Math.Max(requests.Average(), 1e-9),
                    };
                    ConsoleReport.Write(result);
                    results.Add(result);
                }
                finally
                {
                    foreach (var simulator in simulators) await simulator.DisposeAsync();
                }
            }
        }

        WriteComparison(output, results);
        return results;
    }

    /// <summary>Each conversation in turn sends its whole history, streamed; the first content chunk's arrival is its TTFT.</summary>
    private static async Task<List<RequestSample>> RunConversationsAsync(
        HttpClient http, Uri gateway, int conversations, int turns, int clients, bool shared, int seed)
    {
        var samples = new ConcurrentBag<RequestSample>();
        await Parallel.ForEachAsync(Enumerable.Range(0, conversations), new ParallelOptions { MaxDegreeOfParallelism = clients }, async (conversation, cancellationToken) =>
        {
            var system = shared ? SystemPrompt(conversation % 4) : SystemPrompt(seed * 100_000 + conversation);
            var messages = new JsonArray { new JsonObject { ["role"] = "system", ["content"] = system } };
            for (var turn = 0; turn < turns; turn++)
            {
                messages.Add(new JsonObject { ["role"] = "user", ["content"] = $"Conversation {conversation}, question {turn}: " + Words($"q{conversation}t{turn}w", 40) });
                var body = new JsonObject { ["model"] = Model, ["messages"] = messages.DeepClone(), ["max_tokens"] = MaxTokens, ["stream"] = true };
                var (sample, reply) = await SendAsync(http, gateway, body.ToJsonString(), cancellationToken);
                samples.Add(sample);
                messages.Add(new JsonObject { ["role"] = "assistant", ["content"] = reply });
            }
        });
        return [.. samples];
    }

    private static async Task<(RequestSample Sample, string Reply)> SendAsync(HttpClient http, Uri gateway, string body, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(gateway, "v1/chat/completions")) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode) return (new RequestSample((int)response.StatusCode, Ms(started), double.NaN, null, 0), "");
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
        var reply = new StringBuilder();
        var ttft = double.NaN;
        var tokens = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (!line.StartsWith("data: ", StringComparison.Ordinal) || line == "data: [DONE]") continue;
            using var chunk = JsonDocument.Parse(line.AsMemory(6));
            if (chunk.RootElement.GetProperty("choices") is not { ValueKind: JsonValueKind.Array } choices || choices.GetArrayLength() == 0) continue;
            if (!choices[0].GetProperty("delta").TryGetProperty("content", out var content) || content.GetString() is not { Length: > 0 } text) continue;
            if (double.IsNaN(ttft)) ttft = Ms(started);
            reply.Append(text);
            tokens++;
        }

        return (new RequestSample(200, Ms(started), ttft, null, tokens), reply.ToString());
    }

    private static void WriteComparison(TextWriter output, List<RunResult> results)
    {
        foreach (var workload in new[] { "conversations", "no shared prefix" })
        {
            var (load, prefix) = (results.Single(r => r.Config == $"{workload}: PowerOfTwoChoices"), results.Single(r => r.Config == $"{workload}: PrefixAffinity"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"prefix, {workload}: TTFT mean {load.TtftMeanMs:F1} -> {prefix.TtftMeanMs:F1} ms ({load.TtftMeanMs / prefix.TtftMeanMs:F2}x lower), p50 {load.TtftP50Ms:F1} -> {prefix.TtftP50Ms:F1} ms, p99 {load.TtftP99Ms:F1} -> {prefix.TtftP99Ms:F1} ms; computed prompt tokens {load.ComputedPromptTokens} -> {prefix.ComputedPromptTokens} ({(double)load.ComputedPromptTokens! / Math.Max(1, prefix.ComputedPromptTokens ?? 1):F2}x fewer); req/s {load.Rps:F1} -> {prefix.Rps:F1}; busiest replica {load.BusiestReplicaLoad:F2} -> {prefix.BusiestReplicaLoad:F2} of the mean; gateway CPU per request {load.CpuMsPerRequest * 1000:F0} -> {prefix.CpuMsPerRequest * 1000:F0} µs"));
        }
    }

    private static async Task<(long Requests, long Computed)> StatsAsync(ServerProcess simulator, HttpClient http)
    {
        var stats = JsonNode.Parse(await http.GetStringAsync(new Uri(simulator.BaseAddress, "stats")))!;
        return (stats["requests"]!.GetValue<long>(), stats["computed_prompt_tokens"]!.GetValue<long>());
    }

    private static string SystemPrompt(int which) => $"You are assistant number {which}. " + Words($"s{which}r", SystemTokens);

    private static string Words(string stem, int count)
    {
        var text = new StringBuilder(count * 8);
        for (var i = 0; i < count; i++) text.Append(stem).Append(i.ToString(CultureInfo.InvariantCulture)).Append(' ');
        return text.ToString(0, text.Length - 1);
    }

    private static double Ms(long started) => Stopwatch.GetElapsedTime(started).TotalMilliseconds;

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

    private static Dictionary<string, string> GatewaySettings(string selection, List<ServerProcess> simulators)
    {
        var settings = new Dictionary<string, string>
        {
            [$"Inference__Backends__{Endpoint}__Selection"] = selection,
            [$"Inference__Models__{Model}__Backend"] = "OpenAI",
            [$"Inference__Models__{Model}__OwnedBy"] = "simulator",
            [$"Inference__Models__{Model}__LoadOnStart"] = "true",
            [$"Inference__Models__{Model}__OpenAI__Endpoint"] = Endpoint,
            [$"Inference__Models__{Model}__OpenAI__Model"] = Served,
            [$"Inference__Models__{Model}__OpenAI__ArrayBatching"] = "false",
            [$"Inference__Models__{Model}__Batching__MaxConcurrentBatches"] = "64",
        };
        for (var i = 0; i < simulators.Count; i++) settings[$"Inference__Backends__{Endpoint}__Replicas__{i}"] = simulators[i].BaseAddress.ToString();
        return settings;
    }
}
