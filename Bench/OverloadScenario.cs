using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Orleans.Inference.Bench.Load;
using Orleans.Inference.Bench.Reporting;
using Orleans.Inference.Bench.Targets;
using static Orleans.Inference.Bench.Scenarios;

namespace Orleans.Inference.Bench;

/// <summary>
/// The <c>overload</c> scenario of issues #7 and #9: a model whose capacity is its simulated cost, not the CPU, is measured
/// in closed loop, then offered three times that in open loop, then given the first load again. It shows what the
/// model's bounded queue does: accepted requests keep a bounded p99, the rest get 429 at once, and nothing stays behind.
/// </summary>
internal static class OverloadScenario
{
    public const string Name = "overload";

    private const string Model = "bench-overload";

    /// <summary>
    /// 16 tokens a request and free prefill (which yields the first token): a batch takes 15 decode steps of 8 ms, so the
    /// engine's limit is 16 / 0.120 s = 133 requests/s, far below what the gateway itself can serve on this machine.
    /// </summary>
    private const int MaxTokens = 16;

    private const int StepMs = 8;

    private const int MaxBatchSize = 16;

    /// <summary>Two batches may wait: an accepted request waits at most two batches, then runs in the third.</summary>
    private const int MaxQueueLength = 2 * MaxBatchSize;

    private const double Factor = 3;

    public static async Task<List<RunResult>> RunAsync(BenchOptions options, HttpClient http)
    {
        var spec = ServerSpec.ApiHost(Name, Model, Settings());
        await using var server = await spec.StartAsync(null, http);
        var body = $$"""{"model":"{{Model}}","prompt":"Hello from the bench","max_tokens":{{MaxTokens}}}""";

        // Twice a batch of closed-loop clients keep the engine busy: a full batch waits whenever one runs.
        var clients = options.Clients ?? 2 * MaxBatchSize;
        var steady = Scenarios.Load(options, body, clients) with { Rate = null };
        var results = new List<RunResult>();
        async Task<RunResult> RunAsync(string config, string series, LoadOptions load)
        {
            var result = await MeasureAsync(Name, new RunPlan(config, series, spec, load), server, options, http);
            ConsoleReport.Write(result);
            results.Add(result);
            return result;
        }

        var capacity = await RunAsync($"capacity: {clients} clients", "capacity", steady);
        if (capacity.Rps <= 0) throw new InvalidOperationException("No request completed in the capacity run: nothing to overload.");

        var offered = Factor * capacity.Rps;
        await RunAsync(string.Create(CultureInfo.InvariantCulture, $"{Factor}x: {offered:F0} req/s offered"), "overload", steady with { Rate = offered });

        // The open loop waits for every response, so the queue should be empty now; the recovery starts only once it is,
        // and repeats the capacity run exactly (its warm-up too, which keeps 32 clients starting at once out of its p99).
        await WaitUntilIdleAsync(server.BaseAddress, http);
        await RunAsync($"recovery: {clients} clients (1x)", "recovery", steady);
        return results;
    }

    private static async Task WaitUntilIdleAsync(Uri server, HttpClient http)
    {
        var deadline = Stopwatch.GetTimestamp() + 30 * Stopwatch.Frequency;
        while (true)
        {
            using var status = JsonDocument.Parse(await http.GetStringAsync(new Uri(server, $"admin/models/{Model}")));
            var inFlight = status.RootElement.GetProperty("in_flight").GetInt32();
            if (inFlight == 0) return;
            if (Stopwatch.GetTimestamp() > deadline) throw new TimeoutException($"{inFlight} requests still in flight 30 s after the overload ended.");
            await Task.Delay(50);
        }
    }

    private static Dictionary<string, string> Settings() => new()
    {
        [$"Inference__Models__{Model}__LoadOnStart"] = "true",
        [$"Inference__Models__{Model}__Simulation__LoadSeconds"] = "0",
        [$"Inference__Models__{Model}__Simulation__StepMs"] = StepMs.ToString(CultureInfo.InvariantCulture),
        [$"Inference__Models__{Model}__Batching__MaxBatchSize"] = MaxBatchSize.ToString(CultureInfo.InvariantCulture),
        [$"Inference__Models__{Model}__Batching__MaxQueueLength"] = MaxQueueLength.ToString(CultureInfo.InvariantCulture),
    };
}
