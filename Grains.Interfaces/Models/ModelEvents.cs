namespace Orleans.Inference.Models;

/// <summary>
/// Where model lifecycle events are published: one Orleans stream per model carrying <see cref="ModelStatus"/>
/// snapshots (progress during a load, then the state it ends in). Subscribe with Microsoft.Orleans.Streaming:
/// <c>client.GetStreamProvider(ModelEvents.StreamProvider).GetStream&lt;ModelStatus&gt;(StreamId.Create(ModelEvents.Namespace, modelId))</c>;
/// without streams, <c>WatchModelAsync</c> of the typed client gives the same events.
/// </summary>
public static class ModelEvents
{
    /// <summary>The stream provider's name (memory streams by default).</summary>
    public const string StreamProvider = "inference-events";

    /// <summary>The streams' namespace.</summary>
    public const string Namespace = "model-status";
}
