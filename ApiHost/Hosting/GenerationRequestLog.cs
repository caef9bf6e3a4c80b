namespace Orleans.Inference.ApiHost.Hosting;

/// <summary>
/// A generation request's start and end, with stable event ids. Debug, because at thousands of requests a second an access
/// log would cost more than the request; a failure is logged as a warning.
/// </summary>
internal static partial class GenerationRequestLog
{
    public const string Category = "Orleans.Inference.ApiHost.Requests";

    [LoggerMessage(EventId = 3010, Level = LogLevel.Debug, Message = "Request {RequestId}: {Method} {Path} started")]
    public static partial void Started(ILogger logger, string requestId, string method, string path);

    [LoggerMessage(EventId = 3011, Message = "Request {RequestId}: model {Model} ended {Outcome} with status {StatusCode} after {ElapsedMs:F1} ms")]
    public static partial void Ended(ILogger logger, LogLevel level, string requestId, string model, string outcome, int statusCode, double elapsedMs);
}
