using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.Features;
using Orleans.Inference.ApiHost.Errors;

namespace Orleans.Inference.ApiHost.Requests;

/// <summary>Reads a request body as JSON, turning every way it can be wrong into an OpenAI-shaped 4xx.</summary>
internal static class JsonBody
{
    /// <param name="request">The request whose body is read.</param>
    /// <param name="typeInfo">What the body should be.</param>
    /// <param name="maxBytes">The largest body accepted (<see cref="LimitsOptions.MaxRequestBodyBytes"/>); a larger one gets 413.</param>
    public static async Task<(T? Value, IResult? Error)> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> typeInfo, long maxBytes)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            return (null, ApiErrors.Create(
                StatusCodes.Status415UnsupportedMediaType, "The request body must be JSON (Content-Type: application/json).",
                ApiErrors.InvalidRequest, null, "unsupported_media_type"));
        }

        // Refused before a byte is read. Kestrel's limit would refuse it too, but by closing the connection (see LimitedBodyStream).
        if (request.ContentLength > maxBytes) return (null, TooLarge(request, maxBytes));

        // A declared length within the limit needs no counting (Kestrel holds the body to it): only undeclared ones pay for the wrapper.
        var body = request.ContentLength is null ? Limited(request, maxBytes) : request.Body;
        try
        {
            var value = await JsonSerializer.DeserializeAsync(body, typeInfo, request.HttpContext.RequestAborted);
            return value is null ? (null, ApiErrors.Invalid("The request body must be a JSON object.", null)) : (value, null);
        }
        catch (BadHttpRequestException tooLarge) when (tooLarge.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TooLarge(request, maxBytes));
        }
        catch (JsonException error)
        {
            var param = ParamOf(error.Path);
            var message = param is null
                ? $"We could not parse the JSON body of your request: {Reason(error)}"
                : $"Invalid value for '{param}': {Reason(error)}";
            return (null, ApiErrors.Invalid(message, param));
        }
    }

    /// <summary>Counts the body against the limit here, with Kestrel's own limit lifted so that it does not cut the connection first.</summary>
    private static LimitedBodyStream Limited(HttpRequest request, long maxBytes)
    {
        LiftServerLimit(request);
        return new LimitedBodyStream(request.Body, maxBytes);
    }

    private static IResult TooLarge(HttpRequest request, long maxBytes)
    {
        // Kestrel drains the unread rest of the body after the response only if its own limit does not stop it.
        LiftServerLimit(request);
        return ApiErrors.RequestTooLarge(LimitedBodyStream.TooLargeMessage(maxBytes));
    }

    private static void LiftServerLimit(HttpRequest request)
    {
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = null;
    }

    /// <summary>"$.messages[0].content" becomes "messages[0].content"; the root is no parameter.</summary>
    private static string? ParamOf(string? path) =>
        path is null || path == "$" ? null : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;

    /// <summary>The exception's message without the position details System.Text.Json appends.</summary>
    private static string Reason(JsonException error)
    {
        // Text the reader cannot decode reaches us as a failed conversion, which would blame the value's type.
        if (error.InnerException is InvalidOperationException undecodable)
        {
            if (undecodable.InnerException is System.Text.DecoderFallbackException) return "the text is not valid UTF-8.";
            if (undecodable.Message.Contains("UTF-16", StringComparison.Ordinal)) return "the text holds an unpaired surrogate escape (\\uD800-\\uDFFF).";
        }

        var message = error.Message;
        if (message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal)) return "the value has the wrong type.";
        var at = message.IndexOf(" Path:", StringComparison.Ordinal);
        return at > 0 ? message[..at] : message;
    }
}
