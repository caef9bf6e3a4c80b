using System.Diagnostics.Metrics;
using Orleans.Inference.Batching;
using Polly.CircuitBreaker;

namespace Orleans.Inference.Backends.Http;

/// <summary>
/// The HTTP backends' instruments on the <c>Orleans.Inference</c> meter: how prefix affinity routed requests, and each
/// replica's requests in flight and circuit breaker state.
/// </summary>
internal sealed class BackendMetrics
{
    private readonly Counter<long> _routed;
    private readonly List<BackendEndpoint> _endpoints = [];

    public BackendMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(BatchingMetrics.MeterName);
        _routed = meter.CreateCounter<long>(
            "inference.backend.routed", "{request}",
            "Requests routed by prefix affinity, by endpoint and how: matched (a cached prefix), hashed (no match), overloaded (the load bound's fallback).");
        meter.CreateObservableGauge("inference.backend.outstanding", Outstanding, "{request}", "Requests in flight per replica of each HTTP backend endpoint.");
        meter.CreateObservableGauge(
            "inference.backend.breaker", Breakers, "{state}",
            "The circuit breaker of each replica of each HTTP backend endpoint: 0 closed (in use), 1 half-open (probing), 2 open (out).");
    }

    public void Track(BackendEndpoint endpoint)
    {
        lock (_endpoints) _endpoints.Add(endpoint);
    }

    public void Routed(string endpoint, PrefixRouting how) =>
        _routed.Add(1, new KeyValuePair<string, object?>("endpoint", endpoint), new KeyValuePair<string, object?>("routing", How(how)));

    private static string How(PrefixRouting how) => how switch
    {
        PrefixRouting.Matched => "matched",
        PrefixRouting.Hashed => "hashed",
        _ => "overloaded",
    };

    /// <summary>0 closed, 1 half-open, 2 open (or isolated): higher is worse, so a panel's maximum shows the worst replica.</summary>
    public static int BreakerValue(CircuitState state) => state switch
    {
        CircuitState.Closed => 0,
        CircuitState.HalfOpen => 1,
        _ => 2,
    };

    /// <summary>The state's name as the dashboard shows it.</summary>
    public static string BreakerName(CircuitState state) => BreakerValue(state) switch
    {
        0 => "closed",
        1 => "half-open",
        _ => "open",
    };

    private IEnumerable<Measurement<int>> Outstanding() => PerReplica(replica => replica.Outstanding);

    private IEnumerable<Measurement<int>> Breakers() => PerReplica(replica => BreakerValue(replica.Breaker));

    private IEnumerable<Measurement<int>> PerReplica(Func<BackendReplica, int> value)
    {
        BackendEndpoint[] endpoints;
        lock (_endpoints) endpoints = [.. _endpoints];
        foreach (var endpoint in endpoints)
        {
            foreach (var replica in endpoint.Replicas)
            {
                yield return new Measurement<int>(
                    value(replica), new KeyValuePair<string, object?>("endpoint", endpoint.Name), new KeyValuePair<string, object?>("replica", replica.BaseAddress.ToString()));
            }
        }
    }
}
