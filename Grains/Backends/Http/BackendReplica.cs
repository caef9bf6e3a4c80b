using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;

namespace Orleans.Inference.Backends.Http;

/// <summary>
/// One replica of an endpoint: its own pooled <see cref="SocketsHttpHandler"/> behind a circuit breaker and an attempt
/// timeout, and the requests it has in flight (what replica selection weighs).
/// </summary>
internal sealed class BackendReplica : IDisposable
{
    private const int MaxStaleRetries = 16;

    private readonly SocketsHttpHandler _handler;
    private readonly ConnectionGate _gate;
    private readonly TimeProvider _time;
    private readonly string _endpoint;
    private readonly BackendPoolOptions _pool;
    private readonly BackendLog _log;
    private readonly CircuitBreakerStateProvider _breaker = new();
    private Task? _learning;
    private volatile bool _closesConnections;
    private int _outstanding;
    private long _outUntil;

    public BackendReplica(string endpoint, Uri baseAddress, BackendEndpointOptions options, TimeProvider time, BackendLog log, ILoggerFactory loggers)
    {
        _time = time;
        _endpoint = endpoint;
        _log = log;
        BaseAddress = baseAddress;
        var pool = _pool = options.Pool;
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
            // An inference server answers; it does not redirect. Without this every request passes a redirect handler.
            AllowAutoRedirect = false,
        };
        _gate = new ConnectionGate { InnerHandler = _handler };

        var resilience = options.Resilience;
        var pipeline = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time, Name = endpoint, InstanceName = baseAddress.ToString() }
            // A request that met a connection the server had closed never reached the server: it goes again at once, on
            // another connection of the same replica, whatever the endpoint's retries, and each such try uses up a dead
            // connection, so the pool's size bounds them (16 at most, for a replica that resets every connection).
            .AddRetry(new HttpRetryStrategyOptions
            {
                Name = "stale-connection",
                MaxRetryAttempts = Math.Clamp(pool.MaxConnectionsPerServer, 1, MaxStaleRetries),
                Delay = TimeSpan.Zero,
                BackoffType = DelayBackoffType.Constant,
                UseJitter = false,
                ShouldRetryAfterHeader = false,
                ShouldHandle = args => ValueTask.FromResult(StaleConnections.IsStale(args.Outcome.Exception)),
                OnRetry = args =>
                {
                    StaleConnection(args.Outcome.Exception!);
                    return default;
                },
            })
            .AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
            {
                Name = "circuit-breaker",
                StateProvider = _breaker,
                FailureRatio = resilience.FailureRatio,
                MinimumThroughput = resilience.MinimumThroughput,
                SamplingDuration = resilience.SamplingDuration,
                BreakDuration = resilience.BreakDuration,
                // A connection the server had closed under a request says nothing of the replica's health.
                ShouldHandle = args => ValueTask.FromResult(HttpClientResiliencePredicates.IsTransient(args.Outcome) && !StaleConnections.IsStale(args.Outcome.Exception)),
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
            .AddTimeout(new HttpTimeoutStrategyOptions { Name = "attempt-timeout", Timeout = resilience.AttemptTimeout })
            .ConfigureTelemetry(BackendTelemetry.Options(loggers))
            .Build();
        Client = new HttpClient(new ResilienceHandler(pipeline) { InnerHandler = _gate })
        {
            // Polly times each attempt until its response begins; a streamed body may then run as long as generation takes.
            Timeout = Timeout.InfiniteTimeSpan,
        };
        Direct = new HttpClient(_gate, disposeHandler: false) { Timeout = resilience.AttemptTimeout };
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

    /// <summary>The circuit breaker's state: closed (in use), open (out), half-open (one probe allowed).</summary>
    public CircuitState Breaker => _breaker.CircuitState;

    /// <summary>How long until the replica may be probed again.</summary>
    public TimeSpan OutFor => IsOut ? _time.GetElapsedTime(_time.GetTimestamp(), Volatile.Read(ref _outUntil)) : TimeSpan.Zero;

    /// <summary>The most connections this replica gets: the pool's setting, or less once the server said it serves fewer.</summary>
    public int MaxConnections => _gate.Limit ?? _pool.MaxConnectionsPerServer;

    /// <summary>
    /// True once a request found a pooled connection to this replica closed under it: the server ends connections
    /// without saying so, and its streamed requests now ask for <c>Connection: close</c> so that none goes back to the pool.
    /// </summary>
    public bool ClosesConnections => _closesConnections;

    /// <summary>Notes that a request failed on a connection the server had closed (see <see cref="ClosesConnections"/>).</summary>
    public void StaleConnection(Exception error)
    {
        if (_closesConnections) return;
        _closesConnections = true;
        _log.ClosesConnections(_endpoint, BaseAddress, error);
    }

    /// <summary>
    /// Asks the server how many connections it serves at once, once: llama.cpp's server answers <c>GET /props</c> with
    /// <c>total_slots</c> and serves each connection on one of <c>total_slots + 2</c> threads; a connection beyond them is
    /// accepted but waits, unserved, until another has been idle for its keep-alive (5 s). So the pool is capped there
    /// (unless <see cref="BackendPoolOptions.CapToServerThreads"/> is off). Servers without <c>/props</c> keep the pool as set.
    /// </summary>
    public Task LearnServerThreadsAsync(CancellationToken cancellationToken)
    {
        if (!_pool.CapToServerThreads || _pool.Disabled) return Task.CompletedTask;
        return LazyInitializer.EnsureInitialized(ref _learning, () => LearnAsync(cancellationToken));
    }

    private async Task LearnAsync(CancellationToken cancellationToken)
    {
        int? slots;
        try
        {
            using var response = await Direct.GetAsync(new Uri(BaseAddress, "props"), cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode) return;
            using var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), default, cancellationToken).ConfigureAwait(false);
            slots = json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("total_slots", out var total)
                && total.TryGetInt32(out var count) && count > 0 ? count : null;
        }
        catch (Exception error) when (error is HttpRequestException or JsonException or TaskCanceledException)
        {
            // No answer, or not llama.cpp's: the pool stays as configured.
            return;
        }

        if (slots is not { } known) return;
        var threads = known + 2;
        if (threads < _pool.MaxConnectionsPerServer && _gate.TryCap(threads))
            _log.PoolCapped(_endpoint, BaseAddress, known, threads, _pool.MaxConnectionsPerServer);
    }

    public void Enter() => Interlocked.Increment(ref _outstanding);

    public void Exit() => Interlocked.Decrement(ref _outstanding);

    public void Dispose()
    {
        Client.Dispose();
        Direct.Dispose();
        _handler.Dispose();
    }
}
