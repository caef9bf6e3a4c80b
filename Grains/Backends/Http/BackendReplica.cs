using System.Net.Http.Headers;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace Orleans.Inference.Backends.Http;

/// <summary>
/// One replica of an endpoint: its own pooled <see cref="SocketsHttpHandler"/> behind a circuit breaker and an attempt
/// timeout, and the requests it has in flight (what replica selection weighs).
/// </summary>
internal sealed class BackendReplica : IDisposable
{
    private readonly SocketsHttpHandler _handler;
    private readonly TimeProvider _time;
    private int _outstanding;
    private long _outUntil;

    public BackendReplica(string endpoint, Uri baseAddress, BackendEndpointOptions options, TimeProvider time, BackendLog log)
    {
        _time = time;
        BaseAddress = baseAddress;
        var pool = options.Pool;
        _handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = pool.MaxConnectionsPerServer,
            // Zero lifetime: a connection serves one request and closes, which is what Disabled measures.
            PooledConnectionLifetime = pool.Disabled ? TimeSpan.Zero : pool.PooledConnectionLifetime,
            PooledConnectionIdleTimeout = pool.PooledConnectionIdleTimeout,
            ConnectTimeout = pool.ConnectTimeout,
            EnableMultipleHttp2Connections = true,
            // A streamed answer the caller abandoned is not worth draining to save its connection.
            MaxResponseDrainSize = 0,
        };

        var resilience = options.Resilience;
        var pipeline = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time }
            .AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
            {
                FailureRatio = resilience.FailureRatio,
                MinimumThroughput = resilience.MinimumThroughput,
                SamplingDuration = resilience.SamplingDuration,
                BreakDuration = resilience.BreakDuration,
                OnOpened = args =>
                {
                    Volatile.Write(ref _outUntil, _time.GetTimestamp() + (long)(args.BreakDuration.TotalSeconds * _time.TimestampFrequency));
                    log.ReplicaOut(endpoint, BaseAddress, args.BreakDuration);
                    return default;
                },
                OnClosed = _ =>
                {
                    Volatile.Write(ref _outUntil, 0);
                    log.ReplicaBack(endpoint, BaseAddress);
                    return default;
                },
            })
            .AddTimeout(resilience.AttemptTimeout)
            .Build();
        Client = new HttpClient(new ResilienceHandler(pipeline) { InnerHandler = _handler })
        {
            // Polly times each attempt until its response begins; a streamed body may then run as long as generation takes.
            Timeout = Timeout.InfiniteTimeSpan,
        };
        Direct = new HttpClient(_handler, disposeHandler: false) { Timeout = resilience.AttemptTimeout };
        if (options.ApiKey is { Length: > 0 } key)
        {
            Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
            Direct.DefaultRequestHeaders.Authorization = Client.DefaultRequestHeaders.Authorization;
        }

        if (pool.Http2)
        {
            Client.DefaultRequestVersion = System.Net.HttpVersion.Version20;
            // Cleartext HTTP/2 needs prior knowledge (exact); over TLS it is negotiated and may fall back.
            Client.DefaultVersionPolicy = baseAddress.Scheme == Uri.UriSchemeHttp ? HttpVersionPolicy.RequestVersionExact : HttpVersionPolicy.RequestVersionOrLower;
        }
    }

    /// <summary>The replica's base URL, ending in <c>/</c>; request paths are relative to it (<c>v1/completions</c>).</summary>
    public Uri BaseAddress { get; }

    /// <summary>The pooled client; every grain in the process shares it.</summary>
    public HttpClient Client { get; }

    /// <summary>
    /// The same pool without the circuit breaker, for model checks and warm-up pings: their successes must not outweigh
    /// real requests' failures in the breaker's failure ratio.
    /// </summary>
    public HttpClient Direct { get; }

    /// <summary>Requests in flight on this replica, streamed bodies included.</summary>
    public int Outstanding => Volatile.Read(ref _outstanding);

    /// <summary>True while the replica's circuit is open; once its break is over one request may probe it.</summary>
    public bool IsOut => Volatile.Read(ref _outUntil) is var until and > 0 && _time.GetTimestamp() < until;

    /// <summary>How long until the replica may be probed again.</summary>
    public TimeSpan OutFor => IsOut ? _time.GetElapsedTime(_time.GetTimestamp(), Volatile.Read(ref _outUntil)) : TimeSpan.Zero;

    public void Enter() => Interlocked.Increment(ref _outstanding);

    public void Exit() => Interlocked.Decrement(ref _outstanding);

    public void Dispose()
    {
        Client.Dispose();
        Direct.Dispose();
        _handler.Dispose();
    }
}
