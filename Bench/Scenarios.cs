using Orleans.Inference.Bench.Load;
using Orleans.Inference.Bench.Reporting;
using Orleans.Inference.Bench.Targets;

namespace Orleans.Inference.Bench;

/// <summary>The named scenarios; <c>all</c> runs them in turn.</summary>
internal static class Scenarios
{
    public static readonly string[] Names = ["baseline", "floor", "streaming", "batching", "loading", "pooling", "proxy", "overload", "tenants", "prefix", "cluster", "all"];

    private const string Instant = "sim-instant";
    private const string Accelerator = "bench-accelerator";
    private const string Cycling = "bench-cycling";
    private const string Pooled = "bench-http";
    private const string SkippedWithUrl = "skipped with --url: it starts a server with its own settings";

    public static async Task<List<RunResult>> RunAsync(BenchOptions options, HttpClient http, TextWriter output)
    {
        var names = (options.Scenario == "all" ? Names[..^1] : [options.Scenario]).ToList();
        if (names.Any(n => !Names.Contains(n))) throw new ArgumentException($"Unknown scenario '{options.Scenario}'; one of: {string.Join(", ", Names)}");
        // The floor runs right after the baseline, in the same Bench run, so that their ratio compares like with like.
        if (names.Contains("baseline") && !names.Contains("floor") && options.Url is null) names.Insert(names.IndexOf("baseline") + 1, "floor");

        var results = new List<RunResult>();
        ConsoleReport.WriteHeader();
        foreach (var name in names)
        {
            if (name == ProxyScenario.Name)
            {
                // Two servers (YARP and the gateway) in front of one kind of upstream, compared row by row.
                if (options.Url is null) results.AddRange(await ProxyScenario.RunAsync(options, http, output));
                else output.WriteLine($"{name,-10} {SkippedWithUrl}");
                continue;
            }

            if (name == PrefixScenario.Name)
            {
                // Fresh upstream replicas for each selection, so one's cache does not warm the other's.
                if (options.Url is null) results.AddRange(await PrefixScenario.RunAsync(options, http, output));
                else output.WriteLine($"{name,-10} {SkippedWithUrl}");
                continue;
            }

            if (name == TenantsScenario.Name)
            {
                // Several keys' loads at once, each sized from the capacity the first run measured.
                if (options.Url is null) results.AddRange(await TenantsScenario.RunAsync(options, http, output));
                else output.WriteLine($"{name,-10} {SkippedWithUrl}");
                continue;
            }

            if (name == OverloadScenario.Name)
            {
                // Each run's load follows from the one before it (three times the measured capacity), so it is not planned ahead.
                if (options.Url is null) results.AddRange(await OverloadScenario.RunAsync(options, http));
                else output.WriteLine($"{name,-10} {SkippedWithUrl}");
                continue;
            }

            foreach (var group in Plan(name, options).GroupBy(p => p.Server))
            {
                if (options.Url is not null && group.Key.Name != "default")
                {
                    output.WriteLine($"{name,-10} {SkippedWithUrl}");
                    continue;
                }

                await using var server = await group.Key.StartAsync(options.Url, http);
                foreach (var run in group)
                {
                    var result = await MeasureAsync(name, run, server, options, http);
                    results.Add(result);
                    ConsoleReport.Write(result);
                }
            }
        }

        return WithFloorRatio(results, output);
    }

    /// <summary>The gateway's overhead: each baseline run's requests/s as a share of the floor's from the same Bench run.</summary>
    private static List<RunResult> WithFloorRatio(List<RunResult> results, TextWriter output)
    {
        if (results.FirstOrDefault(r => r.Scenario == "floor") is not { Rps: > 0 } floor) return results;
        for (var i = 0; i < results.Count; i++)
        {
            if (results[i].Scenario != "baseline") continue;
            results[i] = results[i] with { FloorRatio = results[i].Rps / floor.Rps };
            output.WriteLine($"gateway overhead: baseline {results[i].Rps:F0} req/s is {results[i].FloorRatio:F2} of the floor's {floor.Rps:F0} req/s (goal: at least 0.50)");
        }

        return results;
    }

    private static IEnumerable<RunPlan> Plan(string scenario, BenchOptions options)
    {
        var gateway = ServerSpec.ApiHost("default", Instant);
        var completion = $$"""{"model":"{{options.Model ?? Instant}}","prompt":"Hello from the bench","max_tokens":{{options.MaxTokens ?? 16}}}""";
        switch (scenario)
        {
            case "baseline":
                yield return new RunPlan($"{options.Model ?? Instant} {options.MaxTokens ?? 16} tok, {options.Clients ?? 10} clients", "gateway", gateway, Load(options, completion, 10));
                break;
            case "floor":
                yield return new RunPlan("minimal endpoint, 10 clients", "floor", ServerSpec.FloorServer, Load(options, completion, 10));
                break;
            case "streaming":
                foreach (var plan in StreamingScenario.Plan(options, Load)) yield return plan;
                break;
            case "loading":
                var cycling = ServerSpec.ApiHost("cycling", Instant, new Dictionary<string, string>
                {
                    [$"Inference__Models__{Cycling}__LoadOnDemand"] = "false",
                    [$"Inference__Models__{Cycling}__Simulation__LoadSeconds"] = "1",
                });
                yield return new RunPlan("10 clients, no other model loading", "steady", cycling, Load(options, completion, 10));
                yield return new RunPlan("10 clients, another model cycling", "cycling", cycling, Load(options, completion, 10))
                {
                    Background = LoadCycles.RunAsync(Cycling),
                };
                break;
            case "pooling":
                // The same load as baseline, but the model is served by the Simulator over loopback HTTP: what the hop costs,
                // and what pooled connections save against a new connection per backend request.
                var served = $$"""{"model":"{{Pooled}}","prompt":"Hello from the bench","max_tokens":{{options.MaxTokens ?? 16}}}""";
                foreach (var (series, poolDisabled, arrays) in new[] { ("pooled", false, true), ("pooled, no arrays", false, false), ("new connection per request", true, false) })
                {
                    var server = ServerSpec.ApiHost(series, Pooled, PoolingSettings(poolDisabled, arrays)) with { WithSimulator = true };
                    yield return new RunPlan($"{series}, 10 clients", series, server, Load(options, served, 10));
                }

                break;
            case "cluster":
                // The same load on one silo (the embedded default) and on a Redis cluster of three, where the model lives on a
                // compute-only silo: every request makes two grain calls across silos. On two cores no speed-up is possible;
                // what it shows is the hop's cost. redis-server must be installed (scripts/test.sh installs it).
                foreach (var silos in new[] { 1, 3 })
                {
                    var series = silos == 1 ? "1 silo (embedded)" : $"{silos} silos (Redis), model on another silo";
                    var server = ServerSpec.ApiHost(series, Instant) with { Silos = silos };
                    foreach (var clients in new[] { 1, 10 })
                        yield return new RunPlan($"{series}, {clients} clients", series, server, Load(options, completion, clients));
                }

                break;
            case "batching":
                // The accelerator-like cost of issue #4: StepMs 8 + 0.1 per sequence, 32 tokens a request. Prefill is free and
                // yields the first token, so a full batch of 64 costs 31 * (8 + 6.4) ms = 446.4 ms: the engine's limit is
                // 64 / 0.4464 s = 143.4 requests/s.
                var accelerated = $$"""{"model":"{{Accelerator}}","prompt":"Hello from the bench","max_tokens":32}""";
                foreach (var (series, maxBatch, policy) in new[] { ("MaxBatchSize 1", 1, "Adaptive"), ("Window 10 ms", 64, "Window"), ("Adaptive", 64, "Adaptive") })
                {
                    var server = ServerSpec.ApiHost(series, Accelerator, AcceleratorSettings(maxBatch, policy));
                    foreach (var clients in new[] { 1, 8, 64, 256 })
                        yield return new RunPlan($"{series}, {clients} clients", series, server, Load(options, accelerated, clients));
                }

                break;
        }
    }

    private static Dictionary<string, string> PoolingSettings(bool poolDisabled, bool arrayBatching) => new()
    {
        [$"Inference__Models__{Pooled}__Backend"] = "OpenAI",
        [$"Inference__Models__{Pooled}__OwnedBy"] = "simulator",
        [$"Inference__Models__{Pooled}__LoadOnStart"] = "true",
        [$"Inference__Models__{Pooled}__OpenAI__Endpoint"] = ServerSpec.SimulatorEndpoint,
        [$"Inference__Models__{Pooled}__OpenAI__Model"] = "sim-instant",
        [$"Inference__Models__{Pooled}__OpenAI__ArrayBatching"] = arrayBatching ? "true" : "false",
        [$"Inference__Models__{Pooled}__Batching__MaxConcurrentBatches"] = "16",
        [$"Inference__Backends__{ServerSpec.SimulatorEndpoint}__Pool__Disabled"] = poolDisabled ? "true" : "false",
    };

    private static Dictionary<string, string> AcceleratorSettings(int maxBatchSize, string policy) => new()
    {
        [$"Inference__Models__{Accelerator}__Batching__Policy"] = policy,
        [$"Inference__Models__{Accelerator}__LoadOnStart"] = "true",
        [$"Inference__Models__{Accelerator}__Simulation__LoadSeconds"] = "0",
        [$"Inference__Models__{Accelerator}__Simulation__StepMs"] = "8",
        [$"Inference__Models__{Accelerator}__Simulation__PerSequenceMs"] = "0.1",
        [$"Inference__Models__{Accelerator}__Batching__MaxBatchSize"] = maxBatchSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    internal static LoadOptions Load(BenchOptions options, string body, int clients) => new()
    {
        Target = new Uri("http://placeholder/"),
        Body = body,
        Clients = options.Clients ?? clients,
        Rate = options.Rate,
        Warmup = options.Warmup,
        Duration = options.Duration,
    };

    internal static async Task<RunResult> MeasureAsync(string scenario, RunPlan run, ServerProcess server, BenchOptions options, HttpClient http)
    {
        var generator = new LoadGenerator(http);
        var load = run.Load with { Target = server.BaseAddress };
        if (run.Idle) return await MeasureIdleAsync(scenario, run, server, load);
        if (load.Warmup > TimeSpan.Zero)
        {
            await generator.RunAsync(load with { Duration = load.Warmup, Warmup = TimeSpan.Zero }, ConsoleReport.ProgressBar($"{scenario} warm-up"), CancellationToken.None);
            if (server.Settled.Add((load.Path, load.Streaming)))
            {
                await Settling.SettleAsync(generator, load, server, http, options.Settle, ConsoleReport.ProgressBar($"{scenario} warm-up until the JIT settles"));
            }
        }

        var allocatedBefore = await server.AllocatedBytesAsync(http);
        var cpuBefore = server.CpuTime();
        using var stopBackground = new CancellationTokenSource();
        var background = run.Background?.Invoke(server.BaseAddress, http, stopBackground.Token) ?? Task.CompletedTask;
        var peakWorkingSet = PeakSampler.SampleAsync(() => ValueTask.FromResult(server.WorkingSetBytes()), TimeSpan.FromMilliseconds(100), stopBackground.Token);
        var samples = await generator.RunAsync(load with { Warmup = TimeSpan.Zero }, ConsoleReport.ProgressBar($"{scenario}: {run.Config}"), CancellationToken.None);
        var cpu = server.CpuTime() - cpuBefore;
        var allocated = await AllocatedSinceAsync(server, http, allocatedBefore);
        var heap = await server.HeapBytesAsync(http);
        await stopBackground.CancelAsync();
        await background;
        ConsoleReport.EndProgress();
        return Statistics.Summarize(scenario, run.Config, run.Series, load, samples, allocated, cpu, await peakWorkingSet) with
        {
            GcHeapMb = heap / (1024 * 1024),
        };
    }

    /// <summary>Bytes the server allocated since <paramref name="before"/>; null when the counter did not move, which is no figure.</summary>
    private static async Task<double?> AllocatedSinceAsync(ServerProcess server, HttpClient http, double? before)
    {
        var allocated = await server.AllocatedBytesAsync(http) - before;
        return allocated > 0 ? allocated : null;
    }

    /// <summary>The server's CPU use with no load at all, after the run's warm-up time: what an idle gateway costs.</summary>
    private static async Task<RunResult> MeasureIdleAsync(string scenario, RunPlan run, ServerProcess server, LoadOptions load)
    {
        await Task.Delay(load.Warmup);
        var cpuBefore = server.CpuTime();
        await Task.Delay(load.Duration);
        var cpu = server.CpuTime() - cpuBefore;
        return Statistics.Summarize(scenario, run.Config, run.Series, load, [], null, null) with
        {
            IdleCpuPercent = cpu is { } c ? c.TotalMilliseconds / load.Duration.TotalMilliseconds * 100 : null,
        };
    }

    /// <summary>One measured run.</summary>
    /// <param name="Config">What the run is, for the table.</param>
    /// <param name="Series">The line this run belongs to on a chart against concurrency.</param>
    /// <param name="Server">The server it needs.</param>
    /// <param name="Load">The load it sends.</param>
    internal sealed record RunPlan(string Config, string Series, ServerSpec Server, LoadOptions Load)
    {
        /// <summary>No load: the run measures the server's CPU use at rest.</summary>
        public bool Idle { get; init; }

        /// <summary>Work that runs beside the load while it is measured (model loads and unloads).</summary>
        public Func<Uri, HttpClient, CancellationToken, Task>? Background { get; init; }
    }
}
