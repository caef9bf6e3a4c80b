using System.Globalization;

namespace Orleans.Inference.Bench.Reporting;

/// <summary>The console table, and a progress bar while a run goes on.</summary>
internal static class ConsoleReport
{
    public static IProgress<double>? ProgressBar(string label) =>
        Console.IsOutputRedirected ? null : new Progress<double>(fraction =>
        {
            var filled = (int)(fraction * 30);
            Console.Write($"\r  {label,-40} [{new string('#', filled)}{new string('.', 30 - filled)}] {fraction,4:P0}");
        });

    public static void EndProgress()
    {
        if (!Console.IsOutputRedirected) Console.Write("\r" + new string(' ', 90) + "\r");
    }

    public static void WriteHeader() => Console.WriteLine(
        $"{"scenario",-10} {"config",-34} {"rps",9} {"tok/s",10} {"p50 ms",8} {"p90 ms",8} {"p99 ms",8} {"max ms",8} " +
        $"{"ttft p50",9} {"ttft p99",9} {"itl p99",8} {"ok %",7} {"KB/req",7} {"cpu ms",7} {"peak MB",8} {"heap MB",8} {"idle %",7}");

    // InvariantGlobalization is on for every project, so interpolation formats numbers invariantly.
    public static void Write(RunResult r) => Console.WriteLine(
        $"{r.Scenario,-10} {r.Config,-34} {r.Rps,9:F0} {r.TokensPerS,10:F0} {r.P50Ms,8:F2} {r.P90Ms,8:F2} {r.P99Ms,8:F2} {r.MaxMs,8:F1} " +
        $"{Opt(r.TtftP50Ms),9} {Opt(r.TtftP99Ms),9} {Opt(r.ItlP99Ms),8} {r.SuccessRate * 100,7:F2} {Opt(r.AllocKbPerRequest),7} {Opt(r.CpuMsPerRequest),7} {Opt(r.PeakWorkingSetMb),8} {Opt(r.GcHeapMb),8} {Opt(r.IdleCpuPercent),7}" +
        (r.Errors.Count == 0 ? "" : "  errors: " + string.Join(", ", r.Errors.Select(e => $"{e.Key}={e.Value}"))) +
        (r.RejectedP99Ms is null ? "" : $"  429: {r.RejectedShare * 100:F1}%, p50 {r.RejectedP50Ms:F2} / p99 {r.RejectedP99Ms:F2} ms"));

    private static string Opt(double? value) => value is { } v ? v.ToString("F2", CultureInfo.InvariantCulture) : "-";
}
