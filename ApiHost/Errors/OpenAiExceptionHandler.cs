using Microsoft.AspNetCore.Diagnostics;
using Orleans.Inference.OpenAiProtocol.Errors;

namespace Orleans.Inference.ApiHost.Errors;

/// <summary>
/// Turns exceptions that escape an endpoint into OpenAI-shaped errors by <see cref="ExceptionErrors"/> (404 for unknown
/// models, 503 with Retry-After for models that cannot serve yet or whose silo was lost, the request's own status for bad
/// HTTP), and a 500 that tells nothing internal for the rest.
/// </summary>
internal sealed partial class OpenAiExceptionHandler(ILogger<OpenAiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && http.RequestAborted.IsCancellationRequested)
        {
            // The client left; nobody is there to read an error.
            return true;
        }

        if (ExceptionErrors.Map(exception) is not { } mapped)
        {
            LogUnhandled(logger, exception, http.Request.Path);
            mapped = new ExceptionError(StatusCodes.Status500InternalServerError,
                new OpenAiError("The server had an error while processing your request.", ApiErrors.ServerError, null, null));
        }

        if (mapped.RetryAfter is { } retryAfter) SetRetryAfter(http, retryAfter);
        await ApiErrors.Of(mapped.Status, mapped.Error).ExecuteAsync(http);
        return true;
    }

    /// <summary>Whole seconds, at least one: a client told to retry after 0 s would hammer the gateway.</summary>
    internal static void SetRetryAfter(HttpContext http, TimeSpan after) =>
        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(after.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Error, Message = "Unhandled error on {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception error, PathString path);
}
