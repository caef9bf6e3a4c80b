namespace Orleans.Inference.Streaming;

/// <summary>
/// Token streaming: section <c>Inference:Streaming</c>. Every silo and every ApiHost of a cluster needs the same
/// <see cref="Transport"/>: the silos register the token stream provider only when it is selected.
/// </summary>
public sealed class StreamingOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Inference:Streaming";

    /// <summary>
    /// How tokens reach the ApiHost. <see cref="TokenTransport.GrainCall"/> is the default because the Bench measures it
    /// faster (see the README); <see cref="TokenTransport.OrleansStreams"/> publishes them on Orleans streams the host subscribes to.
    /// </summary>
    public TokenTransport Transport { get; set; } = TokenTransport.GrainCall;

    /// <summary>
    /// Tokens a streamed request may have waiting for its reader. A reader that falls further behind is cancelled with an
    /// error event, so a slow client holds neither memory nor its batch's other sequences. The simulated engine's free
    /// models produce a whole sequence at once, so keep this at or above their <c>MaxOutputTokens</c>.
    /// </summary>
    public int MaxBufferedTokens { get; set; } = 4096;

    /// <summary>OrleansStreams only: how often each pulling agent polls its queue, in milliseconds; latency against idle CPU.</summary>
    public int PullingPeriodMs { get; set; } = 2;

    /// <summary>
    /// OrleansStreams only: memory stream queues, each with its own pulling agent, spread over the silos. Each ApiHost
    /// subscribes to this many streams of its own and spreads its requests over them.
    /// </summary>
    public int Queues { get; set; } = 4;

    /// <summary>
    /// OrleansStreams only: seconds a delivered message may stay in its pulling agent's cache. Orleans keeps messages up
    /// to 30 minutes for consumers that rewind; nobody rewinds tokens, and under load that cache is most of the memory.
    /// </summary>
    public double CacheSeconds { get; set; } = 10;

    /// <summary>
    /// OrleansStreams only: seconds the ApiHost waits for the next token before it fails the request. A stream has no
    /// call to fail when the silo producing it is lost, so this is how such a request ends.
    /// </summary>
    public double IdleTimeoutSeconds { get; set; } = 60;
}
