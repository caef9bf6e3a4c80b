namespace Orleans.Inference.Bench.Load;

/// <summary>One load run: what to send, how hard, for how long.</summary>
internal sealed record LoadOptions
{
    /// <summary>Base address of the server under test.</summary>
    public required Uri Target { get; init; }

    /// <summary>Path and body of every request.</summary>
    public string Path { get; init; } = "v1/completions";

    public required string Body { get; init; }

    /// <summary>Parse the response as Server-Sent Events, timing the first and every token.</summary>
    public bool Streaming { get; init; }

    /// <summary>An API key to send as a bearer token on every request; null for none.</summary>
    public string? ApiKey { get; init; }

    /// <summary>Closed loop: this many clients, each sending its next request when the last one ends.</summary>
    public int Clients { get; init; } = 10;

    /// <summary>Open loop: requests per second sent on schedule whatever the latency; null for closed loop.</summary>
    public double? Rate { get; init; }

    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(3);

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);
}
