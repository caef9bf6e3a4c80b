using System.Diagnostics.Metrics;
using Orleans.Inference.Batching;

namespace Orleans.Inference.Backends.Http;

/// <summary>
/// The HTTP backends' instruments on the <c>Orleans.Inference</c> meter: how prefix affinity routed requests, and each
/// replica's requests in flight.
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

    private IEnumerable<Measurement<int>> Outstanding()
    {
        BackendEndpoint[] endpoints;
        lock (_endpoints) endpoints = [.. _endpoints];
        foreach (var endpoint in endpoints)
        {
            foreach (var replica in endpoint.Replicas)
            {
                yield return new Measurement<int>(
                    replica.Outstanding, new KeyValuePair<string, object?>("endpoint", endpoint.Name), new KeyValuePair<string, object?>("replica", replica.BaseAddress.ToString()));
            }
        }
    }
}
