namespace Orleans.Inference.Models;

/// <summary>
/// The models loaded in this silo and when each was last used: what <see cref="InferenceOptions.MaxLoadedModels"/>
/// counts and what eviction picks the least recently used from. Public only so that grains can take it.
/// </summary>
public sealed class LoadedModels
{
    private readonly Dictionary<string, ModelUsage> _models = new(StringComparer.Ordinal);

    /// <summary>How many models are loaded (or unloading) in this silo.</summary>
    public int Count
    {
        get { lock (_models) return _models.Count; }
    }

    /// <summary>The ids of the models loaded (or unloading) in this silo.</summary>
    internal IReadOnlyList<string> Ids
    {
        get { lock (_models) return [.. _models.Keys]; }
    }

    internal void Add(string modelId, ModelUsage usage)
    {
        lock (_models) _models[modelId] = usage;
        usage.Loaded = true;
    }

    /// <summary>The usage record of a model loaded in this silo, or null: its batch grain marks it used on the fast path.</summary>
    internal ModelUsage? Find(string modelId)
    {
        lock (_models) return _models.GetValueOrDefault(modelId);
    }

    internal void Remove(string modelId)
    {
        lock (_models)
        {
            if (_models.Remove(modelId, out var usage)) usage.Loaded = false;
        }
    }

    /// <summary>Loaded models other than <paramref name="except"/>, least recently used first.</summary>
    internal IReadOnlyList<string> LeastRecentlyUsed(string except)
    {
        lock (_models)
        {
            return _models.Where(entry => entry.Key != except).OrderBy(entry => entry.Value.LastUsed).Select(entry => entry.Key).ToList();
        }
    }
}
