using Microsoft.Extensions.Logging;

namespace Orleans.Inference.Backends.Http;

/// <summary>The HTTP backends' log events; API keys never appear in them.</summary>
internal sealed partial class BackendLog(ILogger<BackendLog> logger)
{
    public void ReplicaOut(string endpoint, Uri replica, TimeSpan breakDuration) => LogReplicaOut(logger, endpoint, replica, breakDuration.TotalSeconds);

    public void ReplicaBack(string endpoint, Uri replica) => LogReplicaBack(logger, endpoint, replica);

    public void ReplicaChecked(string endpoint, Uri replica, string model, bool listed) => LogReplicaChecked(logger, endpoint, replica, model, listed);

    public void ReplicaCheckFailed(string endpoint, Uri replica, Exception error) => LogReplicaCheckFailed(logger, error, endpoint, replica);


    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "Backend {Endpoint}: replica {Replica} is failing; taken out for {Seconds} s")]
    private static partial void LogReplicaOut(ILogger logger, string endpoint, Uri replica, double seconds);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Backend {Endpoint}: replica {Replica} is back in")]
    private static partial void LogReplicaBack(ILogger logger, string endpoint, Uri replica);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information, Message = "Backend {Endpoint}: replica {Replica} checked for model {Model}: listed {Listed}")]
    private static partial void LogReplicaChecked(ILogger logger, string endpoint, Uri replica, string model, bool listed);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Warning, Message = "Backend {Endpoint}: replica {Replica} did not answer its model check")]
    private static partial void LogReplicaCheckFailed(ILogger logger, Exception error, string endpoint, Uri replica);
}
