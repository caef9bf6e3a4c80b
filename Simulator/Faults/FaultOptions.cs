namespace Orleans.Inference.Simulator.Faults;

/// <summary>
/// Fault injection: section <c>Simulator:Faults</c> at start, <c>PUT /admin/faults</c> (snake_case JSON) at run time.
/// All off by default.
/// </summary>
public sealed class FaultOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Simulator:Faults";

    /// <summary>The fraction (0 to 1) of generation requests answered with <see cref="ErrorStatus"/> instead of generating.</summary>
    public double ErrorRate { get; set; }

    /// <summary>The status of an injected error; 429 and 503 also carry <c>Retry-After</c>.</summary>
    public int ErrorStatus { get; set; } = 500;

    /// <summary>The <c>Retry-After</c> seconds of an injected 429 or 503.</summary>
    public int RetryAfterSeconds { get; set; } = 1;

    /// <summary>Milliseconds every generation request waits before its response starts (and before an injected error).</summary>
    public int AddedLatencyMs { get; set; }

    /// <summary>
    /// A streamed response's connection is aborted once it has written at least this many tokens; 0 turns it off. Tokens
    /// produced while the writer was busy go out as one chunk, so a busy server may cut a little later.
    /// </summary>
    public int DropAfterTokens { get; set; }

    /// <summary>
    /// A streamed response goes silent, connection open, once it has written at least this many tokens, until its client
    /// leaves, as a hung server would; 0 turns it off.
    /// </summary>
    public int StallAfterTokens { get; set; }

    /// <summary>
    /// Closes the connection after every streamed response, without a <c>Connection: close</c> header, as llama.cpp's
    /// <c>llama-server</c> does: a keep-alive client that sends its next request on it finds it dead.
    /// </summary>
    public bool CloseAfterStream { get; set; }

    /// <summary>
    /// Closes a connection once it has served this many requests, as the HTTP library of older llama.cpp servers did (5);
    /// a streamed last response gets no <c>Connection: close</c> header. 0 turns it off.
    /// </summary>
    public int KeepAliveMaxRequests { get; set; }

    /// <summary>
    /// Serves each connection on one of this many threads, as llama.cpp's server does: a connection beyond them is
    /// accepted but not served until another closes, and an idle keep-alive connection holds its thread for
    /// <see cref="KeepAliveSeconds"/>. Read at start only (a thread pool is not resized at run time); 0 turns it off.
    /// </summary>
    public int ServingThreads { get; set; }

    /// <summary>How long an idle keep-alive connection stays open (and, with <see cref="ServingThreads"/>, holds its thread).</summary>
    public int KeepAliveSeconds { get; set; } = 5;

    /// <summary>Seeds the draw that picks failing requests, for repeatable runs; null draws from a shared unseeded random.</summary>
    public int? Seed { get; set; }
}
