using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Orleans.Inference.Simulator.Errors;

/// <summary>Reads a request body as JSON, turning every way it can be wrong into an OpenAI-shaped 4xx.</summary>
internal static class JsonBody
{
    public static async Task<(T? Value, IResult? Error)> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> typeInfo)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            return (null, ApiErrors.Create(
                StatusCodes.Status415UnsupportedMediaType, "The request body must be JSON (Content-Type: application/json).",
                "invalid_request_error", null, "unsupported_media_type"));
        }

        try
        {
            var value = await JsonSerializer.DeserializeAsync(request.Body, typeInfo, request.HttpContext.RequestAborted);
            return value is null ? (null, ApiErrors.Invalid("The request body must be a JSON object.", null)) : (value, null);
        }
        catch (JsonException error)
        {
            // "$.messages[0].content" names the parameter "messages[0].content"; the root is no parameter.
            var param = error.Path is null or "$" ? null : error.Path.TrimStart('$', '.');
            var at = error.Message.IndexOf(" Path:", StringComparison.Ordinal);
            var reason = at > 0 ? error.Message[..at] : error.Message;
            return (null, ApiErrors.Invalid(param is null ? $"The JSON body could not be parsed: {reason}" : $"Invalid value for '{param}': {reason}", param));
        }
    }
}
