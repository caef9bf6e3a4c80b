namespace Orleans.Inference.Models;

/// <summary>When a model was last used, written by its grain on every request without a lock.</summary>
internal sealed class ModelUsage
{
    private long _lastUsed;

    /// <summary>A <see cref="TimeProvider"/> timestamp.</summary>
    public long LastUsed
    {
        get => Volatile.Read(ref _lastUsed);
        set => Volatile.Write(ref _lastUsed, value);
    }
}
