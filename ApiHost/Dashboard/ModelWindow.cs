namespace Orleans.Inference.ApiHost.Dashboard;

/// <summary>
/// One model's last seconds. Metric callbacks write the open second; once a second the dashboard's timer closes it and
/// opens the next. Readers see closed seconds only, so none reads a second that is still being counted.
/// <see cref="Close"/> and <see cref="Snapshot"/> run under <see cref="DashboardMetrics"/>' lock, which keeps every model's
/// seconds aligned.
/// </summary>
internal sealed class ModelWindow(int capacity)
{
    private readonly SecondBucket?[] _closed = new SecondBucket?[capacity];
    private SecondBucket _open = new(0);
    private int _queueLength;
    private long _closedCount;

    public void Completed(double milliseconds) => Volatile.Read(ref _open).Completed(milliseconds);

    public void Batch(int size) => Volatile.Read(ref _open).Batch(size);

    /// <summary>
    /// Queue length is an up-down counter, and its changes reach us only while we listen: it starts at 0 and is kept from
    /// going below 0, so a queue that was not empty when listening began reads low until it first empties, then exactly.
    /// </summary>
    public void Queued(int delta)
    {
        int length, next;
        do
        {
            length = Volatile.Read(ref _queueLength);
            next = Math.Max(0, length + delta);
        }
        while (Interlocked.CompareExchange(ref _queueLength, next, length) != length);
        Volatile.Read(ref _open).Queue(next);
    }

    public void Close()
    {
        var closed = Interlocked.Exchange(ref _open, new SecondBucket(Volatile.Read(ref _queueLength)));
        _closed[_closedCount++ % _closed.Length] = closed;
    }

    /// <summary>The last <paramref name="seconds"/> closed seconds, oldest first; zeros for those before the model was seen.</summary>
    public ModelStats Snapshot(string id, int seconds)
    {
        var requests = new long[seconds];
        var p99 = new double?[seconds];
        var batchSize = new double?[seconds];
        var queue = new int[seconds];
        for (var i = 0; i < seconds; i++)
        {
            var age = seconds - i;
            if (age > _closedCount) continue;
            var second = _closed[(_closedCount - age) % _closed.Length]!;
            requests[i] = second.Requests;
            p99[i] = second.Percentile(0.99);
            batchSize[i] = second.MeanBatchSize;
            queue[i] = second.QueuePeak;
        }

        return new ModelStats(id, requests, p99, batchSize, queue);
    }
}
