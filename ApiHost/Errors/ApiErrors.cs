using Microsoft.AspNetCore.Http.HttpResults;
using Orleans.Inference.OpenAiProtocol.Errors;
using Orleans.Inference.OpenAiProtocol.Json;

namespace Orleans.Inference.ApiHost.Errors;

/// <summary>Error results in OpenAI's shape.</summary>
internal static class ApiErrors
{
    public const string InvalidRequest = OpenAiErrorTypes.InvalidRequest;
    public const string ServerError = OpenAiErrorTypes.ServerError;

    public static JsonHttpResult<OpenAiErrorResponse> Invalid(string message, string? param, string? code = null) =>
        BadRequest(OpenAiErrors.Invalid(message, param, code));

    /// <summary>A validation error of the protocol library, as a 400.</summary>
    public static JsonHttpResult<OpenAiErrorResponse> BadRequest(OpenAiError error) => Of(StatusCodes.Status400BadRequest, error);

    /// <summary>OpenAI's words and code for an array past its limit, so clients that handle OpenAI's error handle this one.</summary>
    public static JsonHttpResult<OpenAiErrorResponse> ArrayTooLong(string param, int max, int length) => BadRequest(OpenAiErrors.ArrayTooLong(param, max, length));

    public static JsonHttpResult<OpenAiErrorResponse> RequestTooLarge(string message) =>
        Of(StatusCodes.Status413PayloadTooLarge, OpenAiErrors.RequestTooLarge(message));

    public static JsonHttpResult<OpenAiErrorResponse> ModelNotFound(string model) => Of(StatusCodes.Status404NotFound, OpenAiErrors.ModelNotFound(model));

    /// <summary>The error a backend failure gives its caller, with the status the backend's answer calls for.</summary>
    public static OpenAiError Backend(Generation.BackendException backend) => backend.StatusCode switch
    {
        StatusCodes.Status429TooManyRequests => new OpenAiError(backend.Message, OpenAiErrorTypes.RateLimit, null, "backend_rate_limited"),
        StatusCodes.Status503ServiceUnavailable => new OpenAiError(backend.Message, ServerError, null, "backend_unavailable"),
        StatusCodes.Status504GatewayTimeout => new OpenAiError(backend.Message, ServerError, null, "backend_timeout"),
        StatusCodes.Status400BadRequest => new OpenAiError(backend.Message, InvalidRequest, null, "backend_rejected"),
        _ => new OpenAiError(backend.Message, ServerError, null, "backend_error"),
    };

    /// <summary>The silo that served the model was lost and the retries did not reach another (503 with Retry-After).</summary>
    public static OpenAiError SiloUnavailable() =>
        new("The silo serving this model was lost; the cluster is recovering it. Retry the request.", ServerError, null, "silo_unavailable");

    public static JsonHttpResult<OpenAiErrorResponse> Create(int status, string message, string type, string? param, string? code) =>
        Of(status, new OpenAiError(message, type, param, code));

    public static JsonHttpResult<OpenAiErrorResponse> Of(int status, OpenAiError error) =>
        TypedResults.Json(new OpenAiErrorResponse(error), OpenAiJson.Context.OpenAiErrorResponse, statusCode: status);
}
