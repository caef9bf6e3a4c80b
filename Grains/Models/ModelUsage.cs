namespace Orleans.Inference.Models;

/// <summary>When a model was last used, written on every request (by its batch grain, or its model grain) without a lock.</summary>
internal sealed class ModelUsage
{
    private long _lastUsed;
    private bool _loaded;

    /// <summary>True while the model is loaded in this silo (in <see cref="LoadedModels"/>): its batch grain's fast path needs it.</summary>
    public bool Loaded
    {
        get => Volatile.Read(ref _loaded);
        set => Volatile.Write(ref _loaded, value);
    }

    /// <summary>A <see cref="TimeProvider"/> timestamp.</summary>
    public long LastUsed
    {
        get => Volatile.Read(ref _lastUsed);
        set => Volatile.Write(ref _lastUsed, value);
    }
}
