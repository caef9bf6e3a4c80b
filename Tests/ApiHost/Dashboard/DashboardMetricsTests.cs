using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Orleans.Inference.ApiHost.Dashboard;
using Orleans.Inference.Batching;

namespace Orleans.Inference.Tests.ApiHost.Dashboard;

/// <summary>The dashboard's aggregator on instruments of the gateway's names, with a fake clock closing the seconds.</summary>
public sealed class DashboardMetricsTests : IDisposable
{
    private static readonly KeyValuePair<string, object?> Model = new("model", "m");

    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly FakeTimeProvider _time = new();
    private readonly Histogram<double> _durations;
    private readonly Histogram<int> _batchSizes;
    private readonly UpDownCounter<int> _queue;
    private readonly DashboardMetrics _metrics;

    public DashboardMetricsTests()
    {
        var meters = _services.GetRequiredService<IMeterFactory>();
        var meter = meters.Create(BatchingMetrics.MeterName);
        _durations = meter.CreateHistogram<double>("inference.request.duration");
        _batchSizes = meter.CreateHistogram<int>("inference.batch.size");
        _queue = meter.CreateUpDownCounter<int>("inference.queue.length");
        var options = Options.Create(new DashboardOptions { WindowSeconds = 10, IdleTimeout = TimeSpan.FromSeconds(5) });
        _metrics = new DashboardMetrics(meters, _time, options, NullLogger<DashboardMetrics>.Instance);
    }

    [Fact]
    public void Snapshot_AfterTraffic_RequestsP99BatchSizeAndLongestQueuePerSecond()
    {
        _metrics.Touch();
        _queue.Add(3, Model);
        _queue.Add(-3, Model);
        _batchSizes.Record(2, Model);
        _batchSizes.Record(1, Model);
        foreach (var milliseconds in new[] { 10.0, 20.0, 1000.0 }) _durations.Record(milliseconds, Model);
        _time.Advance(TimeSpan.FromSeconds(1));
        _time.Advance(TimeSpan.FromSeconds(1));

        var stats = _metrics.Snapshot();

        Assert.Equal(2, stats.Seconds);
        var model = Assert.Single(stats.Models);
        Assert.Equal([3, 0], model.RequestsPerSecond);
        Assert.Equal([1000.0, null], model.P99LatencyMs);
        Assert.Equal([1.5, null], model.MeanBatchSize);
        Assert.Equal([3, 0], model.QueueLength);
    }

    [Fact]
    public void Snapshot_TrafficBeforeAnyoneLooked_IsNotCounted()
    {
        _durations.Record(5, Model);
        _metrics.Touch();
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Empty(_metrics.Snapshot().Models);
    }

    [Fact]
    public void Snapshot_NobodyLookedForTheIdleTimeout_StartsAfresh()
    {
        _metrics.Touch();
        _durations.Record(5, Model);
        _time.Advance(TimeSpan.FromSeconds(6));
        _durations.Record(5, Model); // stopped listening: not counted

        var stats = _metrics.Snapshot();

        Assert.Equal(0, stats.Seconds);
        Assert.Empty(stats.Models);
    }

    [Fact]
    public void QueueLength_RequestsQueuedBeforeListening_NeverBelowZeroAndExactOnceEmptied()
    {
        _metrics.Touch();
        _queue.Add(-2, Model); // two that were queued before anyone looked leave
        _time.Advance(TimeSpan.FromSeconds(1));
        _queue.Add(4, Model);
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal([0, 4], Assert.Single(_metrics.Snapshot().Models).QueueLength);
    }

    public void Dispose()
    {
        _metrics.Dispose();
        _services.Dispose();
    }
}
