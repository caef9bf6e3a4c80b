using System.Text.Json.Serialization;

namespace Orleans.Inference.Simulator.Errors;

/// <summary>What went wrong, in OpenAI's words, inside <see cref="OpenAiErrorResponse"/>.</summary>
/// <param name="Message">For people.</param>
/// <param name="Type">invalid_request_error, rate_limit_error or server_error.</param>
/// <param name="Param">The request field at fault, or null.</param>
/// <param name="Code">A stable machine-readable code, or null.</param>
public sealed record OpenAiError(
    string Message,
    string Type,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Param,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Code);
