using Orleans.Inference.Bench.Load;
using Orleans.Inference.Bench.Targets;
using static Orleans.Inference.Bench.Scenarios;

namespace Orleans.Inference.Bench;

/// <summary>
/// The <c>streaming</c> scenario of issue #5: both token transports side by side, then the OrleansStreams pulling
/// period against latency and idle CPU. With <c>--url</c> it streams from the running gateway instead.
/// </summary>
internal static class StreamingScenario
{
    /// <summary>10 ms a decode step, batches of up to 128: streaming throughput and inter-token latency.</summary>
    private const string Paced = "bench-stream";

    /// <summary>
    /// Free prefill, so the engine's own first token comes at dispatch; batches of one, sixteen at once, so no request
    /// waits for a batch to gather or to finish; 1 ms steps and 8 tokens, so a run holds hundreds of first tokens.
    /// Its measured time to first token is the gateway's overhead alone.
    /// </summary>
    private const string FirstToken = "bench-first-token";

    /// <summary>1 ms a decode step: long streams in a short run, for memory against max_tokens.</summary>
    private const string Quick = "bench-stream-quick";

    private const string Instant = "sim-instant";

    private static readonly string[] Transports = ["GrainCall", "OrleansStreams"];

    public static IEnumerable<RunPlan> Plan(BenchOptions options, Func<BenchOptions, string, int, LoadOptions> load)
    {
        LoadOptions Streams(string model, int tokens, int clients) => load(options, Body(model, tokens), clients) with { Streaming = true };

        // At rest means after start-up work (tiered compilation, model loads), which goes on for seconds after the server answers.
        LoadOptions Rest() => Streams(Paced, 1, 1) with { Warmup = options.Warmup * 3 };

        if (options.Url is not null)
        {
            // A running gateway has its own transport and catalog: stream what --model names (sim-instant by default).
            var running = ServerSpec.ApiHost("default", Instant);
            var model = options.Model ?? Instant;
            foreach (var clients in new[] { 10, 100 })
                yield return new RunPlan($"{model} 64 tok, {clients} streams", "running gateway", running, Streams(model, 64, clients));
            foreach (var tokens in new[] { 16, 1024 })
                yield return new RunPlan($"{model} {tokens} tok, 10 streams", "running gateway memory", running, Streams(model, tokens, 10));
            yield break;
        }

        foreach (var transport in Transports)
        {
            var server = ServerSpec.ApiHost(transport, Paced, Settings(transport));
            yield return new RunPlan($"{transport} idle", transport, server, Rest()) { Idle = true };

            foreach (var tokens in new[] { 16, 1024 })
                yield return new RunPlan($"{transport} {tokens} tok, 10 streams", $"{transport} memory", server, Streams(Quick, tokens, 10));
            yield return new RunPlan($"{transport} TTFT, 10 streams", transport, server, Streams(FirstToken, 8, 10));
            yield return new RunPlan($"{transport} paced 64 tok, 100 streams", transport, server, Streams(Paced, 64, 100));
            yield return new RunPlan($"{transport} instant 64 tok, 100 streams", $"{transport} instant", server, Streams(Instant, 64, 100));
        }

        // The pulling agent's period: how long a token can wait in its queue, against what polling costs at rest.
        foreach (var period in new[] { 1, 2, 5, 20 })
        {
            var server = ServerSpec.ApiHost($"OrleansStreams {period} ms", Paced, Settings("OrleansStreams", period));
            yield return new RunPlan($"OrleansStreams {period} ms idle", "pulling period", server, Rest()) { Idle = true };
            yield return new RunPlan($"OrleansStreams {period} ms TTFT, 10 streams", "pulling period", server, Streams(FirstToken, 8, 10));
        }
    }

    private static string Body(string model, int tokens) =>
        $$$"""{"model":"{{{model}}}","prompt":"Hello from the bench","max_tokens":{{{tokens}}},"stream":true,"stream_options":{"include_usage":true}}""";

    private static Dictionary<string, string> Settings(string transport, int? pullingPeriodMs = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["Inference__Streaming__Transport"] = transport,
            [$"Inference__Models__{Paced}__LoadOnStart"] = "true",
            [$"Inference__Models__{Paced}__Simulation__LoadSeconds"] = "0",
            [$"Inference__Models__{Paced}__Simulation__StepMs"] = "10",
            [$"Inference__Models__{Paced}__Batching__MaxBatchSize"] = "128",
            [$"Inference__Models__{FirstToken}__LoadOnStart"] = "true",
            [$"Inference__Models__{FirstToken}__Simulation__LoadSeconds"] = "0",
            [$"Inference__Models__{FirstToken}__Simulation__StepMs"] = "1",
            [$"Inference__Models__{FirstToken}__Batching__MaxBatchSize"] = "1",
            [$"Inference__Models__{FirstToken}__Batching__MaxConcurrentBatches"] = "16",
            [$"Inference__Models__{Quick}__LoadOnStart"] = "true",
            [$"Inference__Models__{Quick}__Simulation__LoadSeconds"] = "0",
            [$"Inference__Models__{Quick}__Simulation__StepMs"] = "1",
        };
        if (pullingPeriodMs is { } period) settings["Inference__Streaming__PullingPeriodMs"] = period.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return settings;
    }
}
