using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Orleans.Inference.Batching;

namespace Orleans.Inference.Models;

/// <summary>
/// Model lifecycle instruments on the <c>Orleans.Inference</c> meter: how long loads take, and each model's state as a
/// gauge (1 for the state it is in), reported by the silo its model grain lives on.
/// </summary>
public sealed class ModelMetrics
{
    private readonly ConcurrentDictionary<string, ModelState> _states = new(StringComparer.Ordinal);
    private readonly Histogram<double> _loadDuration;

    public ModelMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(BatchingMetrics.MeterName);
        _loadDuration = meter.CreateHistogram<double>("inference.model.load.duration", "s", "How long model loads took, by outcome.");
        meter.CreateObservableGauge("inference.model.state", ObserveStates, "{model}", "1 for the state each model is in, on the silo of its model grain.");
    }

    internal void StateChanged(string model, ModelState state) => _states[model] = state;

    internal void Deactivated(string model) => _states.TryRemove(model, out _);

    internal void Loaded(string model, TimeSpan took, string outcome) =>
        _loadDuration.Record(took.TotalSeconds, new KeyValuePair<string, object?>("model", model), new KeyValuePair<string, object?>("outcome", outcome));

    private IEnumerable<Measurement<int>> ObserveStates() =>
        _states.Select(entry => new Measurement<int>(1, new KeyValuePair<string, object?>("model", entry.Key), new KeyValuePair<string, object?>("state", entry.Value.ToString())));
}
