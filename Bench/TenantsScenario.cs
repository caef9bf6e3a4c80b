using System.Globalization;
using Orleans.Inference.Bench.Load;
using Orleans.Inference.Bench.Reporting;
using Orleans.Inference.Bench.Targets;
using static Orleans.Inference.Bench.Scenarios;

namespace Orleans.Inference.Bench;

/// <summary>
/// The <c>tenants</c> scenario of issue #23: API keys sharing one model whose capacity is its simulated cost (as in
/// <c>overload</c>). A key that floods the model at five times its capacity beside one that sends a fifth of it; two
/// saturating keys weighted 3 and 1; what keys with weights cost the <c>baseline</c> load; and a key's quota across two
/// ApiHosts (<see cref="QuotaClusterRun"/>, which needs redis-server).
/// </summary>
internal static class TenantsScenario
{
    public const string Name = "tenants";

    private const string Model = "bench-tenants";

    private const string Instant = "sim-instant";

    /// <summary>16 tokens a request, 8 ms steps, batches of 16: about 133 requests/s, far below what the gateway serves.</summary>
    private const int MaxTokens = 16;

    private const int StepMs = 8;

    private const int MaxBatchSize = 16;

    /// <summary>Room for 128 waiting: two keys of equal weight may hold 64 each, more than the clients of either closed loop.</summary>
    private const int MaxQueueLength = 8 * MaxBatchSize;

    /// <summary>Clients of each saturating key: both keep requests waiting, and even the lighter one stays within its share.</summary>
    private const int ClientsPerKey = 24;

    private static readonly Dictionary<string, (string Key, int Weight)> Keys = new()
    {
        ["flood"] = ("sk-bench-flood-5b1e0c7d", 1),
        ["steady"] = ("sk-bench-steady-8f3a2d6e", 1),
        ["heavy"] = ("sk-bench-heavy-1c9b4e7a", 3),
        ["light"] = ("sk-bench-light-6d0f2a8b", 1),
    };

    public static async Task<List<RunResult>> RunAsync(BenchOptions options, HttpClient http, TextWriter output)
    {
        var results = new List<RunResult>();
        var spec = ServerSpec.ApiHost(Name, Model, ModelSettings().Concat(KeySettings()).ToDictionary()) with { ReadyKey = Key("steady") };
        await using (var server = await spec.StartAsync(null, http))
        {
            var body = $$"""{"model":"{{Model}}","prompt":"Hello from the bench","max_tokens":{{MaxTokens}}}""";
            var saturating = Scenarios.Load(options, body, options.Clients ?? 2 * MaxBatchSize) with { Rate = null };
            var capacity = await MeasureAsync(Name, new RunPlan("capacity: one key, closed loop", "capacity", spec, saturating with { ApiKey = Key("flood") }), server, options, http);
            Add(results, capacity);
            if (capacity.Rps <= 0) throw new InvalidOperationException("No request completed in the capacity run.");

            var steady = saturating with { Rate = 0.2 * capacity.Rps, ApiKey = Key("steady") };
            var alone = await MeasureAsync(Name, new RunPlan(Rated("steady alone", steady.Rate), "steady alone", spec, steady), server, options, http);
            Add(results, alone);

            var flood = saturating with { Rate = 5 * capacity.Rps, ApiKey = Key("flood") };
            var (flooding, beside) = await TogetherAsync(server, options, http, (Rated("flood", flood.Rate), flood), (Rated("steady beside the flood", steady.Rate), steady));
            Add(results, flooding);
            Add(results, beside);

            var perKey = saturating with { Clients = options.Clients ?? ClientsPerKey };
            var (heavy, light) = await TogetherAsync(
                server, options, http,
                ("weight 3: closed loop", perKey with { ApiKey = Key("heavy") }),
                ("weight 1: closed loop", perKey with { ApiKey = Key("light") }));
            Add(results, heavy);
            Add(results, light);

            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"tenants: beside a 5x flood the steady key got {beside.Errors.GetValueOrDefault("429")} 429s and p99 {beside.P99Ms:F1} ms, {beside.P99Ms / alone.P99Ms:F2}x its p99 alone (goal: none, at most 1.5x); the flood got {flooding.RejectedShare:P0} 429s"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"tenants: weights 3 and 1 both saturating split {heavy.Rps:F0} : {light.Rps:F0} req/s = {heavy.Rps / Math.Max(light.Rps, 1e-9):F2} (goal: 3 within 10 %)"));
        }

        // The cost: the baseline load without keys, then with keys (weights set) on the same model.
        var completion = $$"""{"model":"{{Instant}}","prompt":"Hello from the bench","max_tokens":16}""";
        foreach (var (series, settings, key) in new[] { ("baseline, no keys", new Dictionary<string, string>(), (string?)null), ("baseline, keys with weights", KeySettings(), Key("heavy")) })
        {
            var baseline = ServerSpec.ApiHost(series, Instant, settings) with { ReadyKey = key };
            await using var server = await baseline.StartAsync(null, http);
            var result = await MeasureAsync(Name, new RunPlan($"{series}: 10 clients", series, baseline, Scenarios.Load(options, completion, 10) with { ApiKey = key }), server, options, http);
            Add(results, result);
        }

        results.AddRange(await QuotaClusterRun.RunAsync(options, http, output));
        return results;
    }

    /// <summary>Two keys' loads at once; each key's figures are its own.</summary>
    private static async Task<(RunResult First, RunResult Second)> TogetherAsync(
        ServerProcess server, BenchOptions options, HttpClient http, (string Config, LoadOptions Load) first, (string Config, LoadOptions Load) second)
    {
        var generator = new LoadGenerator(http);
        var runs = await Task.WhenAll(
            generator.RunAsync(first.Load with { Target = server.BaseAddress }, ConsoleReport.ProgressBar($"{Name}: {first.Config}"), CancellationToken.None),
            generator.RunAsync(second.Load with { Target = server.BaseAddress }, null, CancellationToken.None));
        ConsoleReport.EndProgress();
        return (Summarize(first, runs[0]), Summarize(second, runs[1]));

        static RunResult Summarize((string Config, LoadOptions Load) run, List<RequestSample> samples) =>
            Statistics.Summarize(Name, run.Config, run.Config, run.Load, samples, null, null);
    }

    private static void Add(List<RunResult> results, RunResult result)
    {
        ConsoleReport.Write(result);
        results.Add(result);
    }

    private static string Rated(string config, double? rate) => string.Create(CultureInfo.InvariantCulture, $"{config}: {rate:F0} req/s offered");

    private static string Key(string name) => Keys[name].Key;

    private static Dictionary<string, string> ModelSettings() => new()
    {
        [$"Inference__Models__{Model}__LoadOnStart"] = "true",
        [$"Inference__Models__{Model}__Simulation__LoadSeconds"] = "0",
        [$"Inference__Models__{Model}__Simulation__StepMs"] = StepMs.ToString(CultureInfo.InvariantCulture),
        [$"Inference__Models__{Model}__Batching__MaxBatchSize"] = MaxBatchSize.ToString(CultureInfo.InvariantCulture),
        [$"Inference__Models__{Model}__Batching__MaxQueueLength"] = MaxQueueLength.ToString(CultureInfo.InvariantCulture),
    };

    private static Dictionary<string, string> KeySettings()
    {
        var settings = new Dictionary<string, string>();
        var i = 0;
        foreach (var (name, (key, weight)) in Keys)
        {
            settings[$"Auth__ApiKeys__{i}__Key"] = key;
            settings[$"Auth__ApiKeys__{i}__Name"] = name;
            settings[$"Auth__ApiKeys__{i}__Weight"] = weight.ToString(CultureInfo.InvariantCulture);
            i++;
        }

        return settings;
    }
}
