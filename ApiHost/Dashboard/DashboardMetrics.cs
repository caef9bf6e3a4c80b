using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using Orleans.Inference.ApiHost.Hosting;
using Orleans.Inference.Batching;

namespace Orleans.Inference.ApiHost.Dashboard;

/// <summary>
/// The dashboard's figures, from the gateway's own instruments on the <c>Orleans.Inference</c> meter rather than a second
/// set of counters: request durations (<see cref="RequestMetrics"/>; their count is the request rate), batch sizes and
/// queue length (<see cref="BatchingMetrics"/>), per model, second by second. It listens only while someone looks: the
/// first dashboard request starts it and it stops after <see cref="DashboardOptions.IdleTimeout"/> without one, so a
/// gateway nobody watches pays nothing for it. Batches and queues are the local silo's: those of a model whose batch
/// grain lives on another silo are not seen here.
/// </summary>
internal sealed partial class DashboardMetrics(
    IMeterFactory meters, TimeProvider time, IOptions<DashboardOptions> options, ILogger<DashboardMetrics> logger) : IDisposable
{
    private const string RequestDuration = "inference.request.duration";
    private const string BatchSize = "inference.batch.size";
    private const string QueueLength = "inference.queue.length";

    private readonly ConcurrentDictionary<string, ModelWindow> _windows = new(StringComparer.Ordinal);
    private readonly DashboardOptions _options = options.Value;
    private readonly Lock _gate = new();
    private MeterListener? _listener;
    private ITimer? _timer;
    private long _closedSeconds;
    private long _lastLook;

    /// <summary>Someone looks: keeps the listener running, starting it if it is not.</summary>
    public void Touch()
    {
        Volatile.Write(ref _lastLook, time.GetTimestamp());
        if (Volatile.Read(ref _listener) is not null) return;
        lock (_gate)
        {
            if (_listener is null) Start();
        }
    }

    public DashboardStats Snapshot()
    {
        Touch();
        lock (_gate)
        {
            var seconds = (int)Math.Min(_closedSeconds, _options.WindowSeconds);
            var models = _windows.OrderBy(entry => entry.Key, StringComparer.Ordinal)
                .Select(entry => entry.Value.Snapshot(entry.Key, seconds))
                .ToArray();
            return new DashboardStats(_options.WindowSeconds, seconds, models);
        }
    }

    public void Dispose()
    {
        lock (_gate) Stop();
    }

    private void Start()
    {
        _windows.Clear();
        _closedSeconds = 0;
        var listener = new MeterListener { InstrumentPublished = Publish };
        listener.SetMeasurementEventCallback<double>((_, value, tags, _) => Window(tags)?.Completed(value));
        listener.SetMeasurementEventCallback<int>(OnMeasurement);
        listener.Start();
        _timer = time.CreateTimer(_ => Tick(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        Volatile.Write(ref _listener, listener);
        LogStarted(logger, _options.WindowSeconds);
    }

    private void Stop()
    {
        _timer?.Dispose();
        _timer = null;
        _listener?.Dispose();
        Volatile.Write(ref _listener, null);
        _windows.Clear();
    }

    private void Publish(Instrument instrument, MeterListener listener)
    {
        // Hosts can share a process (tests do), and a listener hears every meter in it: only this host's count.
        if (!ReferenceEquals(instrument.Meter.Scope, meters) || instrument.Meter.Name != BatchingMetrics.MeterName) return;
        if (instrument.Name is RequestDuration or BatchSize or QueueLength) listener.EnableMeasurementEvents(instrument);
    }

    private void OnMeasurement(Instrument instrument, int value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        if (Window(tags) is not { } window) return;
        if (instrument is Histogram<int>) window.Batch(value);
        else window.Queued(value);
    }

    private ModelWindow? Window(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var tag in tags)
        {
            // "none" stands for ids the catalog does not know: no model to chart.
            if (tag.Key == "model" && tag.Value is string model && model != "none")
                return _windows.GetOrAdd(model, static (_, capacity) => new ModelWindow(capacity), _options.WindowSeconds);
        }

        return null;
    }

    private void Tick()
    {
        lock (_gate)
        {
            if (_listener is null) return;
            foreach (var window in _windows.Values) window.Close();
            _closedSeconds++;
            if (time.GetElapsedTime(Volatile.Read(ref _lastLook)) < _options.IdleTimeout) return;
            Stop();
            LogStopped(logger, _options.IdleTimeout);
        }
    }

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "Dashboard: listening to the gateway's metrics, {WindowSeconds} s window")]
    private static partial void LogStarted(ILogger logger, int windowSeconds);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Information, Message = "Dashboard: nobody looked for {IdleTimeout}; stopped listening")]
    private static partial void LogStopped(ILogger logger, TimeSpan idleTimeout);
}
