using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Orleans.Inference.Engines;
using Polly;
using Polly.CircuitBreaker;

namespace Orleans.Inference.Backends.Http;

/// <summary>
/// One configured backend: its replicas, and sending a request to the best healthy one with retries (on another replica)
/// for failures that happen before the response begins, which is before any token reached a caller.
/// </summary>
internal sealed partial class BackendEndpoint : IDisposable
{
    /// <summary>The instance name of the endpoint's own pipeline (retries across replicas) in Polly's telemetry.</summary>
    public const string AllReplicas = "all replicas";

    private readonly BackendReplica[] _replicas;
    private readonly BackendEndpointOptions _options;
    private readonly ResiliencePipeline<HttpResponseMessage> _retry;
    private readonly BackendLog _log;
    private readonly PrefixRouter? _prefixes;
    private readonly BackendMetrics? _metrics;

    public BackendEndpoint(
        string name, BackendEndpointOptions options, TimeProvider time, BackendLog log, ILoggerFactory loggers, BackendMetrics? metrics = null)
    {
        Name = name;
        _log = log;
        _metrics = metrics;
        _options = options;
        _replicas = [.. options.Replicas.Select(url => new BackendReplica(name, BaseAddress(url), options, time, log, loggers))];
        if (options.Selection == ReplicaSelection.PrefixAffinity)
            _prefixes = new PrefixRouter(options.PrefixBlockChars, options.PrefixCacheEntries, options.PrefixLoadEpsilon);
        var resilience = options.Resilience;
        // Polly's telemetry names the pipeline after the endpoint: resilience_polly_strategy_events{pipeline_name, pipeline_instance}.
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time, Name = name, InstanceName = AllReplicas };
        if (resilience.MaxRetries > 0)
        {
            builder.AddRetry(new HttpRetryStrategyOptions
            {
                Name = "retry",
                MaxRetryAttempts = resilience.MaxRetries,
                Delay = resilience.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldRetryAfterHeader = true,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context.CancellationToken)),
            });
        }

        _retry = builder.ConfigureTelemetry(BackendTelemetry.Options(loggers)).Build();
    }

    public string Name { get; }

    public IReadOnlyList<BackendReplica> Replicas => _replicas;

    public BackendResilienceOptions Resilience => _options.Resilience;

    /// <summary>
    /// Sends a request built by <paramref name="create"/> for the chosen replica; returns once the response has begun, or
    /// throws a <see cref="Generation.BackendException"/> carrying the status the caller should get. The prompts of
    /// <paramref name="batch"/> are what <see cref="ReplicaSelection.PrefixAffinity"/> routes by (ignored by the other
    /// selections): an array goes where most of its prompts prefer.
    /// </summary>
    public async Task<BackendResponse> SendAsync(
        Func<BackendReplica, HttpRequestMessage> create, string? requestId, CancellationToken cancellationToken, IReadOnlyList<BatchSequence>? batch = null)
    {
        var attempt = new Attempt(this, create, _prefixes is not null && batch is not null ? HashAll(batch) : null);
        HttpResponseMessage response;
        try
        {
            response = await _retry.ExecuteAsync(static (attempt, token) => attempt.RunAsync(token), attempt, cancellationToken);
        }
        catch (Exception error) when (!cancellationToken.IsCancellationRequested && BackendErrors.FromException(Name, error, RetryAfter()) is { } failure)
        {
            _log.RequestFailed(Name, attempt.Replica?.BaseAddress, requestId, failure, error);
            throw failure;
        }

        if (response.IsSuccessStatusCode) return new BackendResponse(response, attempt.Replica!);
        using (response)
        {
            var failure = await BackendErrors.FromResponseAsync(Name, response, cancellationToken);
            _log.RequestFailed(Name, attempt.Replica?.BaseAddress, requestId, failure, null);
            throw failure;
        }
    }

    /// <summary>
    /// Opens up to <see cref="BackendPoolOptions.WarmConnections"/> pooled connections to each healthy replica: that many requests at once
    /// make the pool open that many connections, which it then keeps. Failures only mean less is warm.
    /// </summary>
    public async Task WarmAsync(CancellationToken cancellationToken)
    {
        var connections = _options.Pool.WarmConnections;
        if (_options.Pool.Disabled) return;
        // Before any connection is opened: a server that serves fewer at once than the pool holds caps it.
        await Task.WhenAll(_replicas.Select(replica => replica.LearnServerThreadsAsync(cancellationToken)));
        if (connections <= 0) return;
        var warming = new List<Task>();
        foreach (var replica in _replicas)
        {
            if (replica.IsOut) continue;
            var count = Math.Min(connections, replica.MaxConnections);
            for (var i = 0; i < count; i++) warming.Add(PingAsync(replica, cancellationToken));
        }

        await Task.WhenAll(warming);
    }

    /// <summary>
    /// Asks every replica for its model list, past the circuit breaker, as a readiness probe would: the number that answer
    /// with success.
    /// </summary>
    public async Task<int> CountReachableAsync(CancellationToken cancellationToken)
    {
        var answers = await Task.WhenAll(_replicas.Select(replica => AnswersAsync(replica, cancellationToken)));
        return answers.Count(answered => answered);
    }

    private static async Task<bool> AnswersAsync(BackendReplica replica, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await replica.Direct.GetAsync(new Uri(replica.BaseAddress, "v1/models"), cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (Exception error) when (error is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    private static async Task PingAsync(BackendReplica replica, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await replica.Direct.GetAsync(new Uri(replica.BaseAddress, "v1/models"), cancellationToken);
        }
        catch (Exception error) when (error is HttpRequestException or TaskCanceledException)
        {
            // A replica that does not answer is the circuit breaker's business, not the warm-up's.
        }
    }

    /// <summary>
    /// The healthy replica for a request (by prefix affinity when it has <paramref name="prefix"/> hashes, otherwise the
    /// least loaded by power of two choices or least outstanding), avoiding the one that just failed.
    /// </summary>
    private BackendReplica Pick(BackendReplica? failed, ulong[][]? prefix)
    {
        Span<int> candidates = stackalloc int[_replicas.Length];
        var count = Candidates(failed, candidates);

        if (count == 0 && failed is { IsOut: false }) return failed;
        if (count == 0) throw new BrokenCircuitException("Every replica of the backend is out.", RetryAfter());
        if (count == 1) return _replicas[candidates[0]];
        if (prefix is not null) return PickByPrefix(candidates[..count], prefix);
        if (_options.Selection == ReplicaSelection.LeastOutstanding)
        {
            var best = _replicas[candidates[0]];
            for (var i = 1; i < count; i++)
            {
                if (_replicas[candidates[i]].Outstanding < best.Outstanding) best = _replicas[candidates[i]];
            }

            return best;
        }

        var first = Random.Shared.Next(count);
        var second = (first + 1 + Random.Shared.Next(count - 1)) % count;
        var a = _replicas[candidates[first]];
        var b = _replicas[candidates[second]];
        return b.Outstanding < a.Outstanding ? b : a;
    }

    /// <summary>Fills <paramref name="candidates"/> with the indexes of the replicas that are in, other than <paramref name="failed"/>.</summary>
    private int Candidates(BackendReplica? failed, Span<int> candidates)
    {
        var count = 0;
        for (var i = 0; i < _replicas.Length; i++)
        {
            if (!_replicas[i].IsOut && _replicas[i] != failed) candidates[count++] = i;
        }

        return count;
    }

    private bool AnyReplicaIn()
    {
        foreach (var replica in _replicas)
        {
            if (!replica.IsOut) return true;
        }

        return false;
    }

    /// <summary>When the first replica that is out may be probed again.</summary>
    private TimeSpan RetryAfter()
    {
        var soonest = TimeSpan.MaxValue;
        foreach (var replica in _replicas)
        {
            if (replica.IsOut && replica.OutFor < soonest) soonest = replica.OutFor;
        }

        return soonest == TimeSpan.MaxValue ? TimeSpan.FromSeconds(1) : soonest;
    }

    private bool ShouldRetry(Outcome<HttpResponseMessage> outcome, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested) return false;
        // A retry needs a replica to go to. With every replica out (this failure may have taken the last one out), the caller
        // gets the failure its request met, a timeout as 504 and the backend's own error with its status, not a circuit-open
        // 503 that hides it; a request that finds them all out from the start gets that 503 at once.
        if (!AnyReplicaIn()) return false;
        if (outcome.Exception is BrokenCircuitException) return true;
        if (!HttpClientResiliencePredicates.IsTransient(outcome)) return false;
        // A backend that asks for a long pause gets it: the caller is told to come back, rather than held here.
        var retryAfter = outcome.Result?.Headers.RetryAfter;
        return retryAfter is null || BackendErrors.Delay(retryAfter) <= _options.Resilience.MaxRetryAfter;
    }

    public void Dispose()
    {
        foreach (var replica in _replicas) replica.Dispose();
    }

    /// <summary>Accepts <c>http://host:8000</c> and <c>http://host:8000/v1</c> alike, as OpenAI clients do.</summary>
    private static Uri BaseAddress(string url)
    {
        var text = url.TrimEnd('/');
        if (text.EndsWith("/v1", StringComparison.OrdinalIgnoreCase)) text = text[..^3];
        return new Uri(text + "/", UriKind.Absolute);
    }

    /// <summary>One request's attempts: each picks a replica and holds it until the response is done with.</summary>
    private sealed class Attempt(BackendEndpoint endpoint, Func<BackendReplica, HttpRequestMessage> create, ulong[][]? prefix)
    {
        public BackendReplica? Replica { get; private set; }

        public async ValueTask<HttpResponseMessage> RunAsync(CancellationToken cancellationToken)
        {
            var replica = endpoint.Pick(Replica, prefix);
            Replica = replica;
            replica.Enter();
            try
            {
                var request = create(replica);
                if (endpoint._options.Pool.Disabled) request.Headers.ConnectionClose = true;
                var response = await replica.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
                if (!response.IsSuccessStatusCode) replica.Exit();
                return response;
            }
            catch
            {
                replica.Exit();
                throw;
            }
        }
    }
}
