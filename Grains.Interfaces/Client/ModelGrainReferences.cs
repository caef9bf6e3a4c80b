using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Orleans.Inference.Batching;

namespace Orleans.Inference.Client;

/// <summary>
/// A model's batch grain reference, made once per grain factory. Orleans 10 resolves the grain interface's type by
/// reflection (its attributes, then its name) on every <c>GetGrain</c> call: two of those per request were a tenth of the
/// gateway's CPU under load. References are immutable and hold no silo, so one serves every call for the factory's lifetime.
/// </summary>
internal static class ModelGrainReferences
{
    /// <summary>Past this many model ids (a caller inventing ids) references are made per call again, not kept.</summary>
    private const int MaxModels = 4096;

    private static readonly ConditionalWeakTable<IGrainFactory, ConcurrentDictionary<string, IBatchGrain>> Caches = new();

    public static IBatchGrain Batch(IGrainFactory grains, string modelId)
    {
        var cache = Caches.GetValue(grains, static _ => new(StringComparer.Ordinal));
        if (cache.TryGetValue(modelId, out var batch)) return batch;
        batch = grains.GetGrain<IBatchGrain>(modelId);
        if (cache.Count < MaxModels) cache.TryAdd(modelId, batch);
        return batch;
    }
}
