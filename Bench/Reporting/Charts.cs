using ScottPlot;

namespace Orleans.Inference.Bench.Reporting;

/// <summary>PNG charts against concurrency, one line per series (with and without an optimization).</summary>
internal static class Charts
{
    private const string Font = "DejaVu Sans";
    private static bool _fontsRegistered;

    /// <summary>Writes <c>{scenario}-latency.png</c> and <c>{scenario}-throughput.png</c>; returns the files written.</summary>
    public static IReadOnlyList<string> Write(string directory, string scenario, IReadOnlyList<RunResult> runs)
    {
        RegisterFonts();
        var levels = runs.Select(r => r.Clients).Distinct().Order().ToArray();
        if (levels.Length < 2) return [];

        var latency = Plot(scenario, "latency (ms, log scale)", levels, runs, [("p50", r => r.P50Ms), ("p99", r => r.P99Ms)], logY: true);
        var throughput = Plot(scenario, "requests/s", levels, runs, [("req/s", r => r.Rps)], logY: false);
        var latencyFile = Path.Combine(directory, $"{scenario}-latency.png");
        var throughputFile = Path.Combine(directory, $"{scenario}-throughput.png");
        latency.Title($"{scenario}: latency against concurrency");
        throughput.Title($"{scenario}: throughput against concurrency");
        latency.SavePng(latencyFile, 900, 500);
        throughput.SavePng(throughputFile, 900, 500);
        return [latencyFile, throughputFile];
    }

    private static Plot Plot(
        string scenario, string yLabel, int[] levels, IReadOnlyList<RunResult> runs, (string Name, Func<RunResult, double> Value)[] measures, bool logY)
    {
        var plot = new Plot();
        plot.Font.Set(Font);

        // Concurrency levels are evenly spaced (1, 8, 64, 256 read as a log scale) and labelled with their values.
        var positions = levels.Select((_, i) => (double)i).ToArray();
        foreach (var series in runs.GroupBy(r => r.Series))
        {
            var points = series.OrderBy(r => r.Clients).ToList();
            var xs = points.Select(p => positions[Array.IndexOf(levels, p.Clients)]).ToArray();
            foreach (var (name, value) in measures)
            {
                var ys = points.Select(value).Select(v => logY ? Math.Log10(Math.Max(v, 0.01)) : v).ToArray();
                var line = plot.Add.Scatter(xs, ys);
                line.LegendText = measures.Length == 1 ? series.Key : $"{series.Key} {name}";
                if (name == "p99") line.LinePattern = LinePattern.Dashed;
            }
        }

        plot.Axes.Bottom.SetTicks(positions, levels.Select(l => l.ToString()).ToArray());
        if (logY)
        {
            // Latencies span milliseconds to seconds: plot log10 and label the decades with their values.
            double[] decades = [-2, -1, 0, 1, 2, 3, 4, 5];
            plot.Axes.Left.SetTicks(decades, decades.Select(d => Math.Pow(10, d).ToString("0.##")).ToArray());
        }

        plot.XLabel(scenario == "streaming" ? "concurrent streams" : "concurrent clients");
        plot.YLabel(yLabel);
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }

    private static void RegisterFonts()
    {
        if (_fontsRegistered) return;
        var fonts = Path.Combine(AppContext.BaseDirectory, "fonts");
        Fonts.AddFontFile(Font, Path.Combine(fonts, "DejaVuSans.ttf"), bold: false, italic: false);
        Fonts.AddFontFile(Font, Path.Combine(fonts, "DejaVuSans-Bold.ttf"), bold: true, italic: false);
        _fontsRegistered = true;
    }
}
