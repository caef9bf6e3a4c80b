namespace Orleans.Inference.Simulator.Stats;

/// <summary>What the server has done since it started, counted where it happens, for <c>GET /stats</c>.</summary>
internal sealed class SimulatorStats
{
    private long _openConnections;
    private long _connectionsTotal;
    private long _requests;
    private long _batches;
    private long _sequences;
    private long _sequencesCancelled;
    private long _errorsInjected;
    private long _connectionsDropped;
    private string? _lastRequestId;

    public void ConnectionOpened()
    {
        Interlocked.Increment(ref _openConnections);
        Interlocked.Increment(ref _connectionsTotal);
    }

    public void ConnectionClosed() => Interlocked.Decrement(ref _openConnections);

    /// <summary>Counts a generation request and keeps its <c>x-request-id</c>, as vLLM adopts it, so tests can see ids arrive.</summary>
    public void RequestReceived(string? requestId)
    {
        Interlocked.Increment(ref _requests);
        Volatile.Write(ref _lastRequestId, requestId);
    }

    public void BatchStarted(int sequences)
    {
        Interlocked.Increment(ref _batches);
        Interlocked.Add(ref _sequences, sequences);
    }

    public void SequencesCancelled(int count) => Interlocked.Add(ref _sequencesCancelled, count);

    public void ErrorInjected() => Interlocked.Increment(ref _errorsInjected);

    public void ConnectionDropped() => Interlocked.Increment(ref _connectionsDropped);

    public StatsResponse Snapshot() => new(
        Interlocked.Read(ref _openConnections),
        Interlocked.Read(ref _connectionsTotal),
        Interlocked.Read(ref _requests),
        Interlocked.Read(ref _batches),
        Interlocked.Read(ref _sequences),
        Interlocked.Read(ref _sequencesCancelled),
        Interlocked.Read(ref _errorsInjected),
        Interlocked.Read(ref _connectionsDropped),
        Volatile.Read(ref _lastRequestId));
}
