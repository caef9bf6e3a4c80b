namespace Orleans.Inference.Backends;

/// <summary>
/// Reports progress on the caller's thread. Unlike <see cref="Progress{T}"/>, it does not post to the
/// thread pool, so a grain sees reports inside its own turn.
/// </summary>
internal sealed class ProgressCallback<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
