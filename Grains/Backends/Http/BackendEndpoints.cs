using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Inference.Models;

namespace Orleans.Inference.Backends.Http;

/// <summary>
/// The process's HTTP backend endpoints (section <c>Inference:Backends</c>), each with one pooled handler per replica,
/// shared by every grain here. Public only so that <see cref="BackendProvider"/> can take it; hosts see it as <see cref="IBackendReachability"/>.
/// </summary>
public sealed class BackendEndpoints(IOptions<InferenceOptions> options, ILoggerFactory loggers, IMeterFactory meters) : IBackendReachability, IDisposable
{
    private readonly BackendMetrics _metrics = new(meters);
    private readonly ConcurrentDictionary<string, Lazy<BackendEndpoint>> _endpoints = new(StringComparer.Ordinal);
    private readonly BackendLog _log = new(loggers.CreateLogger<BackendLog>());

    /// <summary>The configured endpoints' names.</summary>
    public IEnumerable<string> Names => options.Value.Backends.Keys;

    internal BackendLog Log => _log;

    /// <summary>Per endpoint, how many of its replicas answer a model list request now, and how many it has.</summary>
    public async Task<IReadOnlyDictionary<string, BackendReach>> ProbeAsync(CancellationToken cancellationToken)
    {
        var endpoints = Names.Select(Get).ToArray();
        var reachable = await Task.WhenAll(endpoints.Select(endpoint => endpoint.CountReachableAsync(cancellationToken)));
        return endpoints.Select((endpoint, i) => (endpoint.Name, Result: new BackendReach(reachable[i], endpoint.Replicas.Count)))
            .ToDictionary(pair => pair.Name, pair => pair.Result, StringComparer.Ordinal);
    }

    /// <summary>Every replica of every configured endpoint: its circuit breaker and its requests in flight from this process.</summary>
    public IReadOnlyList<ReplicaStatus> Replicas() =>
    [
        .. Names.Select(Get).SelectMany(endpoint => endpoint.Replicas.Select(replica => new ReplicaStatus(
            endpoint.Name, replica.BaseAddress.ToString(), BackendMetrics.BreakerName(replica.Breaker), replica.Outstanding))),
    ];

    internal BackendEndpoint Get(string name)
    {
        if (!options.Value.Backends.TryGetValue(name, out var endpoint))
            throw new InvalidOperationException($"No backend endpoint '{name}' is configured (section {InferenceOptions.SectionName}:Backends).");

        // Circuit breaks and retries run on real time, whatever clock the batching runs on.
        return _endpoints.GetOrAdd(name, key => new Lazy<BackendEndpoint>(() =>
        {
            var created = new BackendEndpoint(key, endpoint, TimeProvider.System, _log, loggers, _metrics);
            _metrics.Track(created);
            return created;
        })).Value;
    }

    public void Dispose()
    {
        foreach (var endpoint in _endpoints.Values)
        {
            if (endpoint.IsValueCreated) endpoint.Value.Dispose();
        }
    }
}
