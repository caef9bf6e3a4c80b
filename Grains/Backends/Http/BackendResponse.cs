namespace Orleans.Inference.Backends.Http;

/// <summary>A successful response that has begun; disposing it ends the request and frees its place on the replica.</summary>
internal sealed class BackendResponse(HttpResponseMessage message, BackendReplica replica) : IDisposable
{
    private int _disposed;

    public HttpResponseMessage Message { get; } = message;

    public BackendReplica Replica { get; } = replica;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        Message.Dispose();
        Replica.Exit();
    }
}
