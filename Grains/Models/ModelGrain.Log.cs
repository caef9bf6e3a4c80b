using Microsoft.Extensions.Logging;

namespace Orleans.Inference.Models;

/// <summary>The model lifecycle's log events (ids 1001-1099).</summary>
public sealed partial class ModelGrain
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Model {ModelId}: load started")]
    private static partial void LogLoadStarted(ILogger logger, string modelId);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Model {ModelId}: ready after {Seconds:F1} s")]
    private static partial void LogLoaded(ILogger logger, string modelId, double seconds);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Error, Message = "Model {ModelId}: load failed")]
    private static partial void LogLoadFailed(ILogger logger, Exception error, string modelId);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Information, Message = "Model {ModelId}: unloading ({Reason})")]
    private static partial void LogUnloadStarted(ILogger logger, string modelId, string reason);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Error, Message = "Model {ModelId}: unload failed; the model is released anyway")]
    private static partial void LogUnloadFailed(ILogger logger, Exception error, string modelId);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Information, Message = "Model {ModelId}: idle for {KeepAlive}, unloading")]
    private static partial void LogIdleUnload(ILogger logger, string modelId, TimeSpan keepAlive);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Information, Message = "Model {Victim}: evicted to make room for {ModelId}")]
    private static partial void LogEvicted(ILogger logger, string victim, string modelId);

    [LoggerMessage(EventId = 1008, Level = LogLevel.Warning, Message = "Model {ModelId}: loading beyond MaxLoadedModels ({Max}); no loaded model was idle")]
    private static partial void LogOverLimit(ILogger logger, string modelId, int max);

    [LoggerMessage(EventId = 1009, Level = LogLevel.Warning, Message = "Model {ModelId}: could not publish a status event")]
    private static partial void LogPublishFailed(ILogger logger, Exception error, string modelId);

    [LoggerMessage(EventId = 1010, Level = LogLevel.Debug, Message = "Model {ModelId}: loading, {Percent}% ({Stage})")]
    private static partial void LogLoadProgress(ILogger logger, string modelId, int percent, string? stage);
}
