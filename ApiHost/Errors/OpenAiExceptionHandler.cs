using Microsoft.AspNetCore.Diagnostics;
using Orleans.Inference.Batching;
using Orleans.Inference.Client;
using Orleans.Inference.Generation;
using Orleans.Inference.Models;

namespace Orleans.Inference.ApiHost.Errors;

/// <summary>
/// Turns exceptions that escape an endpoint into OpenAI-shaped errors: 404 for unknown models,
/// 503 with Retry-After for models that cannot serve yet (or whose silo was lost), the request's own status for bad HTTP,
/// and a 500 that tells nothing internal for the rest.
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

        var result = exception switch
        {
            ModelNotFoundException notFound => ApiErrors.ModelNotFound(notFound.ModelId),
            ModelUnavailableException unavailable => Unavailable(http, unavailable),
            QueueFullException full => TooManyRequests(http, full),
            QueueTimeoutException expired => ApiErrors.Create(StatusCodes.Status503ServiceUnavailable, expired.Message, ApiErrors.ServerError, null, "queue_timeout"),
            BackendException backend => Backend(http, backend),
            TimeoutException timeout => ApiErrors.Create(StatusCodes.Status504GatewayTimeout, timeout.Message, ApiErrors.ServerError, null, "stream_timeout"),
            InvalidModelException invalid => ApiErrors.Invalid(invalid.Message, null, "invalid_model"),
            ModelExistsException exists => ApiErrors.Create(StatusCodes.Status409Conflict, exists.Message, ApiErrors.InvalidRequest, "id", "model_exists"),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } tooLarge => ApiErrors.RequestTooLarge(tooLarge.Message),
            BadHttpRequestException bad => ApiErrors.Create(bad.StatusCode, bad.Message, ApiErrors.InvalidRequest, null, null),
            _ when SiloFailures.IsSiloLost(exception) => SiloLost(http),
            _ => null,
        };

        if (result is null)
        {
            LogUnhandled(logger, exception, http.Request.Path);
            result = ApiErrors.Create(
                StatusCodes.Status500InternalServerError, "The server had an error while processing your request.",
                ApiErrors.ServerError, null, null);
        }

        await result.ExecuteAsync(http);
        return true;
    }

    private static Microsoft.AspNetCore.Http.HttpResults.JsonHttpResult<OpenAiErrorResponse> Unavailable(
        HttpContext http, ModelUnavailableException unavailable)
    {
        SetRetryAfter(http, unavailable.RetryAfter ?? TimeSpan.FromSeconds(1));
        var code = unavailable.State == ModelState.Failed ? "model_load_failed" : "model_not_ready";
        return ApiErrors.Create(StatusCodes.Status503ServiceUnavailable, unavailable.Message, ApiErrors.ServerError, "model", code);
    }

    private static Microsoft.AspNetCore.Http.HttpResults.JsonHttpResult<OpenAiErrorResponse> Backend(HttpContext http, BackendException backend)
    {
        if (backend.RetryAfter is { } retryAfter) SetRetryAfter(http, retryAfter);
        var error = ApiErrors.Backend(backend);
        return TypedResults.Json(new OpenAiErrorResponse(error), Json.OpenAiJson.Context.OpenAiErrorResponse, statusCode: backend.StatusCode);
    }

    private static Microsoft.AspNetCore.Http.HttpResults.JsonHttpResult<OpenAiErrorResponse> SiloLost(HttpContext http)
    {
        SetRetryAfter(http, TimeSpan.FromSeconds(1));
        return TypedResults.Json(new OpenAiErrorResponse(ApiErrors.SiloUnavailable()), Json.OpenAiJson.Context.OpenAiErrorResponse, statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    private static Microsoft.AspNetCore.Http.HttpResults.JsonHttpResult<OpenAiErrorResponse> TooManyRequests(HttpContext http, QueueFullException full)
    {
        SetRetryAfter(http, full.RetryAfter);
        return ApiErrors.Create(StatusCodes.Status429TooManyRequests, full.Message, "rate_limit_error", null, "queue_full");
    }

    /// <summary>Whole seconds, at least one: a client told to retry after 0 s would hammer the gateway.</summary>
    internal static void SetRetryAfter(HttpContext http, TimeSpan after) =>
        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(after.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Error, Message = "Unhandled error on {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception error, PathString path);
}
