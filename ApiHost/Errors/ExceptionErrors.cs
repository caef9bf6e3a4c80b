using Orleans.Inference.Batching;
using Orleans.Inference.Client;
using Orleans.Inference.Generation;
using Orleans.Inference.Models;
using Orleans.Inference.OpenAiProtocol.Errors;
using Orleans.Inference.Streaming;

namespace Orleans.Inference.ApiHost.Errors;

/// <summary>
/// The one table from the gateway's exceptions to OpenAI errors: the exception handler answers with it before a response
/// begins, and a stream that fails after it began sends the same error as its last event.
/// </summary>
internal static class ExceptionErrors
{
    /// <summary>The error for <paramref name="exception"/>, or null for one the gateway does not expect (a 500, logged).</summary>
    public static ExceptionError? Map(Exception exception) => exception switch
    {
        ModelNotFoundException notFound => new(StatusCodes.Status404NotFound,
            new OpenAiError($"The model '{notFound.ModelId}' does not exist.", ApiErrors.InvalidRequest, "model", "model_not_found")),
        ModelUnavailableException unavailable => new(StatusCodes.Status503ServiceUnavailable,
            new OpenAiError(unavailable.Message, ApiErrors.ServerError, "model", unavailable.State == ModelState.Failed ? "model_load_failed" : "model_not_ready"),
            unavailable.RetryAfter ?? TimeSpan.FromSeconds(1)),
        QueueFullException full => new(StatusCodes.Status429TooManyRequests, new OpenAiError(full.Message, "rate_limit_error", null, "queue_full"), full.RetryAfter),
        QueueTimeoutException expired => new(StatusCodes.Status503ServiceUnavailable, new OpenAiError(expired.Message, ApiErrors.ServerError, null, "queue_timeout")),
        BackendException backend => new(backend.StatusCode, ApiErrors.Backend(backend), backend.RetryAfter),
        SlowReaderException slow => new(StatusCodes.Status500InternalServerError, new OpenAiError(slow.Message, ApiErrors.ServerError, null, "slow_reader")),
        TimeoutException timeout => new(StatusCodes.Status504GatewayTimeout, new OpenAiError(timeout.Message, ApiErrors.ServerError, null, "stream_timeout")),
        InvalidModelException invalid => new(StatusCodes.Status400BadRequest, new OpenAiError(invalid.Message, ApiErrors.InvalidRequest, null, "invalid_model")),
        ModelExistsException exists => new(StatusCodes.Status409Conflict, new OpenAiError(exists.Message, ApiErrors.InvalidRequest, "id", "model_exists")),
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } tooLarge => new(StatusCodes.Status413PayloadTooLarge,
            new OpenAiError(tooLarge.Message, ApiErrors.InvalidRequest, null, "request_too_large")),
        BadHttpRequestException bad => new(bad.StatusCode, new OpenAiError(bad.Message, ApiErrors.InvalidRequest, null, null)),
        _ when SiloFailures.IsSiloLost(exception) => new(StatusCodes.Status503ServiceUnavailable, ApiErrors.SiloUnavailable(), TimeSpan.FromSeconds(1)),
        _ => null,
    };
}
