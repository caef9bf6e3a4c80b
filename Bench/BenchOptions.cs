using System.Globalization;

namespace Orleans.Inference.Bench;

/// <summary>The command line: <c>&lt;scenario&gt; [--url URL] [--duration S] [--warmup S] [--settle S] [--clients N] [--rate R] [--model M] [--max-tokens N] [--only TEXT] [--json FILE] [--report DIR]</c>.</summary>
internal sealed record BenchOptions
{
    public required string Scenario { get; init; }

    /// <summary>Measure a running gateway instead of starting one.</summary>
    public Uri? Url { get; init; }

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>After a new server's warm-up, how much longer it may be warmed until its JIT settles (<see cref="Load.Settling"/>); 0 turns it off.</summary>
    public TimeSpan Settle { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Overrides the scenario's client counts.</summary>
    public int? Clients { get; init; }

    /// <summary>Open loop at this many requests per second instead of closed loop.</summary>
    public double? Rate { get; init; }

    public string? JsonFile { get; init; }

    /// <summary>The model of baseline-style runs (default sim-instant), for measuring other models with --url.</summary>
    public string? Model { get; init; }

    /// <summary>max_tokens of baseline-style runs (default 16).</summary>
    public int? MaxTokens { get; init; }

    /// <summary>Only the runs whose configuration contains this text (<c>proxy</c>: "chat, whole, 10 clients"), to profile one.</summary>
    public string? Only { get; init; }

    /// <summary>Directory for a markdown report with PNG charts.</summary>
    public string? ReportDirectory { get; init; }

    public static BenchOptions Parse(string[] args)
    {
        if (args.Length == 0 || args[0].StartsWith('-')) throw new ArgumentException("Name a scenario first: " + string.Join(", ", Scenarios.Names));
        var options = new BenchOptions { Scenario = args[0] };
        for (var i = 1; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value");
            options = args[i] switch
            {
                "--url" => options with { Url = new Uri(value.EndsWith('/') ? value : value + "/") },
                "--duration" => options with { Duration = TimeSpan.FromSeconds(double.Parse(value, CultureInfo.InvariantCulture)) },
                "--warmup" => options with { Warmup = TimeSpan.FromSeconds(double.Parse(value, CultureInfo.InvariantCulture)) },
                "--settle" => options with { Settle = TimeSpan.FromSeconds(double.Parse(value, CultureInfo.InvariantCulture)) },
                "--clients" => options with { Clients = int.Parse(value, CultureInfo.InvariantCulture) },
                "--rate" => options with { Rate = double.Parse(value, CultureInfo.InvariantCulture) },
                "--json" => options with { JsonFile = value },
                "--model" => options with { Model = value },
                "--max-tokens" => options with { MaxTokens = int.Parse(value, CultureInfo.InvariantCulture) },
                "--report" => options with { ReportDirectory = value },
                "--only" => options with { Only = value },
                _ => throw new ArgumentException($"Unknown option {args[i]}"),
            };
            i++;
        }

        return options;
    }
}
