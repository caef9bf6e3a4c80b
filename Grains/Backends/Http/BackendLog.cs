using Microsoft.Extensions.Logging;
using Orleans.Inference.Generation;

namespace Orleans.Inference.Backends.Http;

/// <summary>The HTTP backends' log events; API keys never appear in them.</summary>
internal sealed partial class BackendLog(ILogger<BackendLog> logger)
{
    private long _lastFailureLogged;
    private int _failuresNotLogged;

    /// <summary>
    /// Why a request to a backend failed, so an operator can tell a dead connection from a dead replica: at most one
    /// line a second (a replica that fails every request would write thousands), which counts the failures it left out.
    /// </summary>
    public void RequestFailed(string endpoint, Uri? replica, string? requestId, BackendException failure, Exception? cause)
    {
        var now = Environment.TickCount64;
        var last = Volatile.Read(ref _lastFailureLogged);
        if ((last != 0 && now - last < 1000) || Interlocked.CompareExchange(ref _lastFailureLogged, now, last) != last)
        {
            Interlocked.Increment(ref _failuresNotLogged);
            return;
        }

        LogRequestFailed(logger, endpoint, replica?.ToString() ?? "(none)", requestId ?? "(array batch)", failure.StatusCode,
            Kind(cause), cause?.Message ?? failure.Message, Interlocked.Exchange(ref _failuresNotLogged, 0));
    }

    private static string Kind(Exception? cause) => cause switch
    {
        null => "answered with an error",
        _ when StaleConnections.IsStale(cause) => "pooled connection closed by the server",
        HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError } => "could not connect",
        HttpRequestException => "connection failed",
        Polly.CircuitBreaker.BrokenCircuitException => "every replica out (circuit open)",
        Polly.Timeout.TimeoutRejectedException => "timed out",
        IOException => "connection lost mid-stream",
        _ => cause.GetType().Name,
    };

    public void ReplicaOut(string endpoint, Uri replica, TimeSpan breakDuration) => LogReplicaOut(logger, endpoint, replica, breakDuration.TotalSeconds);

    public void ReplicaBack(string endpoint, Uri replica) => LogReplicaBack(logger, endpoint, replica);

    public void ReplicaChecked(string endpoint, Uri replica, string model, bool listed) => LogReplicaChecked(logger, endpoint, replica, model, listed);

    public void ReplicaCheckFailed(string endpoint, Uri replica, Exception error) => LogReplicaCheckFailed(logger, error, endpoint, replica);

    public void ClosesConnections(string endpoint, Uri replica, Exception error) => LogClosesConnections(logger, endpoint, replica, error.Message);

    public void PoolCapped(string endpoint, Uri replica, int slots, int threads, int configured) =>
        LogPoolCapped(logger, endpoint, replica, slots, threads, configured);


    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "Backend {Endpoint}: replica {Replica} is failing; taken out for {Seconds} s")]
    private static partial void LogReplicaOut(ILogger logger, string endpoint, Uri replica, double seconds);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Backend {Endpoint}: replica {Replica} is back in")]
    private static partial void LogReplicaBack(ILogger logger, string endpoint, Uri replica);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information, Message = "Backend {Endpoint}: replica {Replica} checked for model {Model}: listed {Listed}")]
    private static partial void LogReplicaChecked(ILogger logger, string endpoint, Uri replica, string model, bool listed);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Warning, Message = "Backend {Endpoint}: replica {Replica} did not answer its model check")]
    private static partial void LogReplicaCheckFailed(ILogger logger, Exception error, string endpoint, Uri replica);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Warning, Message = "Backend {Endpoint}: request {RequestId} to replica {Replica} failed with {Status} ({Kind}): {Reason}; {NotLogged} more failures in the last second not logged")]
    private static partial void LogRequestFailed(ILogger logger, string endpoint, string replica, string requestId, int status, string kind, string reason, int notLogged);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Warning, Message = "Backend {Endpoint}: replica {Replica} closed a pooled connection without saying so ({Reason}); requests that meet such a connection go again at once, and its streamed requests now close their connection after the response")]
    private static partial void LogClosesConnections(ILogger logger, string endpoint, Uri replica, string reason);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Warning, Message = "Backend {Endpoint}: replica {Replica} has {Slots} slots and serves {Threads} connections at once; its pool of {Configured} is capped there (Pool:CapToServerThreads)")]
    private static partial void LogPoolCapped(ILogger logger, string endpoint, Uri replica, int slots, int threads, int configured);
}
