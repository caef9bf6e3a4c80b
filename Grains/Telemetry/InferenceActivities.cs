using System.Diagnostics;
using Orleans.Inference.Engines;

namespace Orleans.Inference.Telemetry;

/// <summary>
/// The gateway's own spans. A batch serves many requests, so its span is the child of the request that opened it and
/// links to every request in it: each request's trace leads to the backend call that served it.
/// </summary>
public static class InferenceActivities
{
    public const string SourceName = "Orleans.Inference";

    internal static readonly ActivitySource Source = new(SourceName);

    /// <summary>The current trace context, captured only while someone listens: otherwise spans cost nothing.</summary>
    internal static ActivityContext Capture() => Source.HasListeners() ? Activity.Current?.Context ?? default : default;

    /// <summary>Starts a batch's span, or returns null when nobody listens.</summary>
    internal static Activity? StartBatch(string modelId, List<BatchSequence> batch)
    {
        if (!Source.HasListeners()) return null;
        var links = new List<ActivityLink>(batch.Count);
        var parent = default(ActivityContext);
        foreach (var sequence in batch)
        {
            var caller = sequence.TraceContext;
            if (caller == default) continue;
            if (parent == default) parent = caller;
            links.Add(new ActivityLink(caller));
        }

        var activity = Source.StartActivity("inference.batch", ActivityKind.Internal, parent, links: links);
        activity?.SetTag("inference.model", modelId);
        activity?.SetTag("inference.batch.size", batch.Count);
        return activity;
    }
}
