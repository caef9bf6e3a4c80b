using System.Text;

namespace Orleans.Inference.Bench.Reporting;

/// <summary><c>--report DIR</c>: <c>report.md</c> with the machine, every figure, and the charts beside it.</summary>
internal static class MarkdownReport
{
    public static string Write(string directory, IReadOnlyList<RunResult> results, string machine)
    {
        Directory.CreateDirectory(directory);
        var md = new StringBuilder()
            .AppendLine("# Orleans.Inference Bench report")
            .AppendLine()
            .AppendLine($"Taken {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {machine}.")
            .AppendLine()
            .AppendLine("**Simulated backend: these figures describe the gateway, not a real model.**")
            .AppendLine()
            .AppendLine("| scenario | config | req/s | tokens/s | p50 ms | p90 ms | p99 ms | TTFT p50 / p99 ms | ITL p99 ms | success | KB/req | B/token | CPU ms/req | peak MB | GC heap MB | idle CPU % | 429 share, p99 ms | errors |")
            .AppendLine("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        foreach (var r in results)
        {
            var ttft = r.TtftP50Ms is null ? "-" : $"{r.TtftP50Ms:F2} / {r.TtftP99Ms:F2}";
            var rejected = r.RejectedP99Ms is null ? "-" : $"{r.RejectedShare:P1}, {r.RejectedP99Ms:F2}";
            var errors = r.Errors.Count == 0 ? "" : string.Join(", ", r.Errors.Select(e => $"{e.Key}: {e.Value}"));
            md.AppendLine($"| {r.Scenario} | {r.Config} | {r.Rps:F0} | {r.TokensPerS:F0} | {r.P50Ms:F2} | {r.P90Ms:F2} | {r.P99Ms:F2} | {ttft} | " +
                $"{Opt(r.ItlP99Ms)} | {r.SuccessRate:P2} | {Opt(r.AllocKbPerRequest)} | {Opt(r.AllocBytesPerToken)} | {Opt(r.CpuMsPerRequest)} | {Opt(r.PeakWorkingSetMb)} | {Opt(r.GcHeapMb)} | {Opt(r.IdleCpuPercent)} | {rejected} | {errors} |");
        }

        foreach (var r in results.Where(r => r.FloorRatio is not null))
        {
            md.AppendLine().AppendLine($"Gateway overhead: the baseline's {r.Rps:F0} req/s is **{r.FloorRatio:F2}** of the floor's, measured in the same run (goal: at least 0.50).");
        }

        var compared = results.Where(r => r.Peer is not null).ToList();
        if (compared.Count > 0)
        {
            md.AppendLine().AppendLine("The gateway against YARP (`proxy`), same run and upstream:").AppendLine()
                .AppendLine("| config | YARP req/s | gateway req/s | gateway / YARP | CPU per request, gateway / YARP | TTFT p50, gateway - YARP ms | upstream connections opened | most open at once |")
                .AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
            foreach (var r in compared)
            {
                md.AppendLine($"| {r.Config} | {r.Peer!.PeerRps:F0} | {r.Rps:F0} | {r.Peer.RpsRatio:F2} | {Opt(r.Peer.CpuRatio)} | {Opt(r.Peer.TtftDeltaMs)} | {r.UpstreamConnections} | {r.UpstreamPeakConnections} |");
            }
        }

        foreach (var scenario in results.GroupBy(r => r.Scenario))
        {
            foreach (var chart in Charts.Write(directory, scenario.Key, scenario.ToList()))
            {
                md.AppendLine().AppendLine($"![{Path.GetFileNameWithoutExtension(chart)}]({Path.GetFileName(chart)})");
            }
        }

        var file = Path.Combine(directory, "report.md");
        File.WriteAllText(file, md.ToString());
        return file;
    }

    private static string Opt(double? value) => value is { } v ? v.ToString("F2") : "-";
}
