using Microsoft.AspNetCore.Http.HttpResults;
using Orleans.Inference.OpenAiProtocol.Errors;
using Orleans.Inference.OpenAiProtocol.Json;

namespace Orleans.Inference.Simulator.Errors;

/// <summary>Error results in OpenAI's shape.</summary>
internal static class ApiErrors
{
    public static JsonHttpResult<OpenAiErrorResponse> Invalid(OpenAiError error) => Of(StatusCodes.Status400BadRequest, error);

    public static JsonHttpResult<OpenAiErrorResponse> Invalid(string message, string? param) => Invalid(OpenAiErrors.Invalid(message, param));

    public static JsonHttpResult<OpenAiErrorResponse> ModelNotFound(string model) => Of(StatusCodes.Status404NotFound, OpenAiErrors.ModelNotFound(model));

    /// <summary>A sequence failed in the engine (its cost model's <c>FailPromptsContaining</c>).</summary>
    public static JsonHttpResult<OpenAiErrorResponse> BackendFailed(string message) =>
        Of(StatusCodes.Status500InternalServerError, new OpenAiError(message, OpenAiErrorTypes.ServerError, null, "backend_error"));

    /// <summary>An error fault injection chose; its type is the one OpenAI gives that status.</summary>
    public static JsonHttpResult<OpenAiErrorResponse> Injected(int status)
    {
        var type = status switch
        {
            StatusCodes.Status429TooManyRequests => OpenAiErrorTypes.RateLimit,
            >= 500 => OpenAiErrorTypes.ServerError,
            _ => OpenAiErrorTypes.InvalidRequest,
        };
        return Of(status, new OpenAiError($"Simulated failure (fault injection): HTTP {status}.", type, null, "injected_fault"));
    }

    public static JsonHttpResult<OpenAiErrorResponse> Of(int status, OpenAiError error) =>
        TypedResults.Json(new OpenAiErrorResponse(error), OpenAiJson.Context.OpenAiErrorResponse, statusCode: status);
}
