using Microsoft.AspNetCore.Http.HttpResults;
using Orleans.Inference.Simulator.Json;

namespace Orleans.Inference.Simulator.Errors;

/// <summary>Error results in OpenAI's shape.</summary>
internal static class ApiErrors
{
    private const string InvalidRequest = "invalid_request_error";
    private const string ServerError = "server_error";

    public static JsonHttpResult<OpenAiErrorResponse> Invalid(string message, string? param) =>
        Create(StatusCodes.Status400BadRequest, message, InvalidRequest, param, null);

    public static JsonHttpResult<OpenAiErrorResponse> ModelNotFound(string model) =>
        Create(StatusCodes.Status404NotFound, $"The model '{model}' does not exist.", InvalidRequest, "model", "model_not_found");

    /// <summary>A sequence failed in the engine (its cost model's <c>FailPromptsContaining</c>).</summary>
    public static JsonHttpResult<OpenAiErrorResponse> BackendFailed(string message) =>
        Create(StatusCodes.Status500InternalServerError, message, ServerError, null, "backend_error");

    /// <summary>An error fault injection chose; its type is the one OpenAI gives that status.</summary>
    public static JsonHttpResult<OpenAiErrorResponse> Injected(int status)
    {
        var type = status switch
        {
            StatusCodes.Status429TooManyRequests => "rate_limit_error",
            >= 500 => ServerError,
            _ => InvalidRequest,
        };
        return Create(status, $"Simulated failure (fault injection): HTTP {status}.", type, null, "injected_fault");
    }

    public static JsonHttpResult<OpenAiErrorResponse> Create(int status, string message, string type, string? param, string? code) =>
        TypedResults.Json(new OpenAiErrorResponse(new OpenAiError(message, type, param, code)), SimulatorJson.Context.OpenAiErrorResponse, statusCode: status);
}
