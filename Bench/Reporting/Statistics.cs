using Orleans.Inference.Bench.Load;

namespace Orleans.Inference.Bench.Reporting;

/// <summary>Turns a run's samples into its figures.</summary>
internal static class Statistics
{
    public static RunResult Summarize(
        string scenario, string config, string series, LoadOptions options, List<RequestSample> samples, double? allocatedBytes, TimeSpan? cpu,
        double? peakWorkingSetBytes = null)
    {
        var ok = samples.Where(s => s.Status is >= 200 and < 300).ToList();
        var seconds = options.Duration.TotalSeconds;
        var latencies = ok.Select(s => s.LatencyMs).Order().ToArray();
        var ttfts = ok.Select(s => s.TtftMs).Where(t => !double.IsNaN(t)).Order().ToArray();
        var itls = ok.Where(s => s.Gaps is not null).SelectMany(s => s.Gaps!).Select(g => (double)g).Order().ToArray();
        var tokens = ok.Sum(s => (long)s.Tokens);
        var rejected = samples.Where(s => s.Status == StatusCodes.Status429TooManyRequests).Select(s => s.LatencyMs).Order().ToArray();
        return new RunResult
        {
            Scenario = scenario,
            Config = config,
            Series = series,
            Clients = options.Rate is null ? options.Clients : 0,
            Rate = options.Rate,
            Requests = samples.Count,
            Rps = ok.Count(s => s.InWindow) / seconds,
            TokensPerS = ok.Where(s => s.InWindow).Sum(s => s.Tokens) / seconds,
            P50Ms = Percentile(latencies, 0.50),
            P90Ms = Percentile(latencies, 0.90),
            P99Ms = Percentile(latencies, 0.99),
            MaxMs = latencies.Length == 0 ? 0 : latencies[^1],
            TtftP50Ms = ttfts.Length == 0 ? null : Percentile(ttfts, 0.50),
            TtftP99Ms = ttfts.Length == 0 ? null : Percentile(ttfts, 0.99),
            ItlP99Ms = itls.Length == 0 ? null : Percentile(itls, 0.99),
            SuccessRate = samples.Count == 0 ? 0 : (double)ok.Count / samples.Count,
            RejectedShare = samples.Count == 0 ? 0 : (double)rejected.Length / samples.Count,
            RejectedP50Ms = rejected.Length == 0 ? null : Percentile(rejected, 0.50),
            RejectedP99Ms = rejected.Length == 0 ? null : Percentile(rejected, 0.99),
            AllocKbPerRequest = allocatedBytes is { } bytes && samples.Count > 0 ? bytes / 1024 / samples.Count : null,
            CpuMsPerRequest = cpu is { } c && samples.Count > 0 ? c.TotalMilliseconds / samples.Count : null,
            AllocBytesPerToken = allocatedBytes is { } all && tokens > 0 ? all / tokens : null,
            PeakWorkingSetMb = peakWorkingSetBytes / (1024 * 1024),
            Errors = samples.Where(s => s.Status is < 200 or >= 300)
                .GroupBy(s => s.Status switch
                {
                    RequestSample.ConnectionFailed => "connection",
                    RequestSample.TimedOut => "timeout",
                    var status => status.ToString(System.Globalization.CultureInfo.InvariantCulture),
                })
                .ToDictionary(g => g.Key, g => g.Count()),
        };
    }

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    public static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
