using Microsoft.AspNetCore.Http.HttpResults;
using Orleans.Inference.ApiHost.Json;

namespace Orleans.Inference.ApiHost.Errors;

/// <summary>Error results in OpenAI's shape.</summary>
internal static class ApiErrors
{
    public const string InvalidRequest = "invalid_request_error";
    public const string ServerError = "server_error";

    public static JsonHttpResult<OpenAiErrorResponse> Invalid(string message, string? param, string? code = null) =>
        Create(StatusCodes.Status400BadRequest, message, InvalidRequest, param, code);

    /// <summary>OpenAI's words and code for an array past its limit, so clients that handle OpenAI's error handle this one.</summary>
    public static JsonHttpResult<OpenAiErrorResponse> ArrayTooLong(string param, int max, int length) => Invalid(
        $"Invalid '{param}': array too long. Expected an array with maximum length {max}, but got an array with length {length} instead.",
        param, "array_above_max_length");

    public static JsonHttpResult<OpenAiErrorResponse> RequestTooLarge(string message) =>
        Create(StatusCodes.Status413PayloadTooLarge, message, InvalidRequest, null, "request_too_large");

    public static JsonHttpResult<OpenAiErrorResponse> ModelNotFound(string model) =>
        Create(StatusCodes.Status404NotFound, $"The model '{model}' does not exist.", InvalidRequest, "model", "model_not_found");

    /// <summary>The error a backend failure gives its caller, with the status the backend's answer calls for.</summary>
    public static OpenAiError Backend(Generation.BackendException backend) => backend.StatusCode switch
    {
        StatusCodes.Status429TooManyRequests => new OpenAiError(backend.Message, "rate_limit_error", null, "backend_rate_limited"),
        StatusCodes.Status503ServiceUnavailable => new OpenAiError(backend.Message, ServerError, null, "backend_unavailable"),
        StatusCodes.Status504GatewayTimeout => new OpenAiError(backend.Message, ServerError, null, "backend_timeout"),
        StatusCodes.Status400BadRequest => new OpenAiError(backend.Message, InvalidRequest, null, "backend_rejected"),
        _ => new OpenAiError(backend.Message, ServerError, null, "backend_error"),
    };

    /// <summary>The silo that served the model was lost and the retries did not reach another (503 with Retry-After).</summary>
    public static OpenAiError SiloUnavailable() =>
        new("The silo serving this model was lost; the cluster is recovering it. Retry the request.", ServerError, null, "silo_unavailable");

    public static JsonHttpResult<OpenAiErrorResponse> Create(int status, string message, string type, string? param, string? code) =>
        TypedResults.Json(
            new OpenAiErrorResponse(new OpenAiError(message, type, param, code)),
            OpenAiJson.Context.OpenAiErrorResponse,
            statusCode: status);
}
