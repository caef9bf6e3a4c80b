using Microsoft.Extensions.Logging;

namespace Orleans.Inference.Batching;

/// <summary>The batch grain's log events (2001 to 2006).</summary>
public sealed partial class BatchGrain
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Debug, Message = "Model {ModelId}: dispatching a batch of {BatchSize} (requests {RequestIds}), {Waiting} waiting")]
    private static partial void LogBatchDispatched(ILogger logger, string modelId, int batchSize, string requestIds, int waiting);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Error, Message = "Model {ModelId}: a batch of {BatchSize} failed (requests {RequestIds})")]
    private static partial void LogBatchFailed(ILogger logger, Exception error, string modelId, int batchSize, string requestIds);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Debug, Message = "Model {ModelId}: request {RequestId} queued, {Queued} waiting")]
    private static partial void LogQueued(ILogger logger, string modelId, string? requestId, int queued);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "Model {ModelId}: drain timed out with {InFlight} requests in flight; they fail")]
    private static partial void LogDrainTimedOut(ILogger logger, string modelId, int inFlight);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Warning, Message = "Model {ModelId}: could not publish the failure of request {RequestId} on its token stream")]
    private static partial void LogPublishFailed(ILogger logger, Exception error, string modelId, Guid requestId);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Information, Message = "Model {ModelId} is ready on another silo: its batch grain moves there once idle")]
    private static partial void LogFollowingModel(ILogger logger, string modelId);
}
