using System.Text.Json.Serialization;

namespace Orleans.Inference.OpenAiProtocol.Errors;

/// <summary>What went wrong, in OpenAI's words: the body of <see cref="OpenAiErrorResponse"/>, and what validation returns.</summary>
/// <param name="Message">For people.</param>
/// <param name="Type">invalid_request_error, authentication_error, rate_limit_error, server_error, ... (<see cref="OpenAiErrorTypes"/>).</param>
/// <param name="Param">The request field at fault, or null.</param>
/// <param name="Code">A stable machine-readable code, or null.</param>
public sealed record OpenAiError(
    string Message,
    string Type,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Param,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Code);
