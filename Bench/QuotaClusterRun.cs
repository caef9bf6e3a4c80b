using System.Globalization;
using Orleans.Inference.Bench.Load;
using Orleans.Inference.Bench.Reporting;
using Orleans.Inference.Bench.Targets;

namespace Orleans.Inference.Bench;

/// <summary>
/// The cluster part of the <c>tenants</c> scenario (issue #23): one key with 600 requests and 60,000 tokens a minute, its
/// load spread over two ApiHosts of one Redis cluster at three times the limit for two whole minutes, one ApiHost killed
/// halfway. What the cluster accepted, against the limits (LiteLLM's per-pod counting would accept twice them here).
/// </summary>
internal static class QuotaClusterRun
{
    private const int RequestsPerMinute = 600;

    private const int TokensPerMinute = 60_000;

    /// <summary>A one-word prompt (one token in the simulated engine) and 99 more: 100 tokens a request, so both limits bind together.</summary>
    private const int MaxTokens = 99;

    private const string Key = "sk-bench-quota-3f9a0c1e";

    private const string Model = "sim-instant";

    public static async Task<List<RunResult>> RunAsync(BenchOptions options, HttpClient http, TextWriter output)
    {
        // A real run covers two whole minutes from a minute's start; a short one (the smoke test) only checks the harness.
        var whole = options.Duration >= TimeSpan.FromSeconds(10);
        var duration = whole ? TimeSpan.FromMinutes(2) : options.Duration;
        var (started, join) = await BenchCluster.StartAsync(1, Model, Settings(), siloDll: "");
        await using var redis = started[0];
        var spec = ServerSpec.ApiHost("quota cluster", Model, join) with { ReadyKey = Key };
        var hosts = new[] { await spec.StartAsync(null, http), await spec.StartAsync(null, http) };
        var killed = false;
        try
        {
            var body = $$"""{"model":"{{Model}}","prompt":"Hello","max_tokens":{{MaxTokens}}}""";
            // Each host gets half of three times the limit, open loop: the key's clients do not slow down for refusals.
            var load = Scenarios.Load(options, body, 1) with { Rate = 1.5 * RequestsPerMinute / 60.0, Duration = duration, Warmup = TimeSpan.Zero, ApiKey = Key };
            if (whole) await Task.Delay(TimeSpan.FromSeconds(60 - DateTime.UtcNow.TimeOfDay.TotalSeconds % 60));

            var generator = new LoadGenerator(http);
            var runs = hosts.Select(host => generator.RunAsync(load with { Target = host.BaseAddress }, null, CancellationToken.None)).ToArray();
            await Task.Delay(duration / 2);
            await hosts[0].DisposeAsync();
            killed = true;
            var samples = await Task.WhenAll(runs);

            var results = new List<RunResult>();
            foreach (var (config, run) in new[] { ("quota across 2 ApiHosts: host A, killed halfway", samples[0]), ("quota across 2 ApiHosts: host B", samples[1]) })
            {
                var result = Statistics.Summarize(TenantsScenario.Name, config, config, load, run, null, null);
                ConsoleReport.Write(result);
                results.Add(result);
            }

            var accepted = samples.Sum(run => run.Count(sample => sample.Status == 200));
            var tokens = samples.Sum(run => run.Where(sample => sample.Status == 200).Sum(sample => (long)sample.Tokens + 1));
            var minutes = duration.TotalMinutes;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"tenants: a key limited to {RequestsPerMinute} requests and {TokensPerMinute} tokens a minute, offered 3x over 2 ApiHosts for {minutes:F1} min (one killed halfway): accepted {accepted} requests ({accepted / (RequestsPerMinute * minutes):P1} of the limit) and {tokens} tokens ({tokens / (TokensPerMinute * minutes):P1}); goal within 5 %"));
            return results;
        }
        finally
        {
            if (!killed) await hosts[0].DisposeAsync();
            await hosts[1].DisposeAsync();
        }
    }

    private static Dictionary<string, string> Settings() => new()
    {
        ["Auth__ApiKeys__0__Key"] = Key,
        ["Auth__ApiKeys__0__Name"] = "quota",
        ["Auth__ApiKeys__0__RequestsPerMinute"] = RequestsPerMinute.ToString(CultureInfo.InvariantCulture),
        ["Auth__ApiKeys__0__TokensPerMinute"] = TokensPerMinute.ToString(CultureInfo.InvariantCulture),
    };
}
