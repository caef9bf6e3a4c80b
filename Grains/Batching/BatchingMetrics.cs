using System.Diagnostics.Metrics;
using Orleans.Inference.Engines;
using Orleans.Inference.Generation;

namespace Orleans.Inference.Batching;

/// <summary>
/// Batching's instruments on the <c>Orleans.Inference</c> meter, tagged by model, for the metrics endpoint; queue wait,
/// rejections and tokens also by tenant (<see cref="Tenant.MetricName"/>).
/// </summary>
public sealed class BatchingMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "Orleans.Inference";

    private readonly Histogram<int> _batchSize;
    private readonly UpDownCounter<int> _queueLength;
    private readonly Histogram<double> _queueWait;
    private readonly Counter<long> _batches;
    private readonly Counter<long> _rejected;
    private readonly Counter<long> _expired;
    private readonly Counter<long> _tokens;

    public BatchingMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _batchSize = meter.CreateHistogram<int>("inference.batch.size", "{request}", "Requests per dispatched batch.");
        _queueLength = meter.CreateUpDownCounter<int>("inference.queue.length", "{request}", "Requests waiting for a batch.");
        _queueWait = meter.CreateHistogram<double>("inference.queue.wait", "ms", "Time a request waited before its batch left.");
        _batches = meter.CreateCounter<long>("inference.batches", "{batch}", "Batches dispatched.");
        _rejected = meter.CreateCounter<long>("inference.requests.rejected", "{request}", "Requests refused because the queue was full.");
        _expired = meter.CreateCounter<long>("inference.requests.expired", "{request}", "Requests that waited past their deadline.");
        _tokens = meter.CreateCounter<long>("inference.tokens", "{token}", "Tokens generated; its rate is tokens per second.");
    }

    internal void Queued(string model, int delta) => _queueLength.Add(delta, Tag(model));

    internal void Dispatched(string model, List<BatchSequence> batch)
    {
        var tag = Tag(model);
        _batches.Add(1, tag);
        _batchSize.Record(batch.Count, tag);
        foreach (var sequence in batch) _queueWait.Record(sequence.QueueWait.TotalMilliseconds, tag, TenantTag(sequence.Request.Tenant));
    }

    internal void Generated(string model, List<BatchSequence> batch)
    {
        var tag = Tag(model);
        foreach (var sequence in batch) _tokens.Add(sequence.CompletionTokens, tag, TenantTag(sequence.Request.Tenant));
    }

    internal void Rejected(string model, Tenant? tenant) => _rejected.Add(1, Tag(model), TenantTag(tenant));

    internal void Expired(string model, int count) => _expired.Add(count, Tag(model));

    private static KeyValuePair<string, object?> Tag(string model) => new("model", model);

    private static KeyValuePair<string, object?> TenantTag(Tenant? tenant) => new("tenant", (tenant ?? Tenant.Shared).MetricName);
}
