using System.Collections.Concurrent;
using System.Diagnostics;
using OpenTelemetry;

namespace Orleans.Inference.Tests.Infrastructure;

/// <summary>Keeps every span that ends, safe to read while the host adds more.</summary>
public sealed class SpanCollector : BaseProcessor<Activity>
{
    private readonly ConcurrentQueue<Activity> _ended = new();

    public IReadOnlyList<Activity> Ended => [.. _ended];

    public override void OnEnd(Activity data) => _ended.Enqueue(data);
}
