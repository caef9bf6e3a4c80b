using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.Features;
using Orleans.Inference.ApiHost.Errors;
using Orleans.Inference.OpenAiProtocol.Errors;
using Orleans.Inference.OpenAiProtocol.Json;

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
            return (null, ApiErrors.Of(StatusCodes.Status415UnsupportedMediaType, OpenAiErrors.UnsupportedMediaType()));
        }

        // Refused before a byte is read. Kestrel's limit would refuse it too, but by closing the connection (see LimitedBodyStream).
        if (request.ContentLength > maxBytes) return (null, TooLarge(request, maxBytes));

        // A declared length within the limit needs no counting (Kestrel holds the body to it): only undeclared ones pay for the wrapper.
        var body = request.ContentLength is null ? Limited(request, maxBytes) : request.Body;
        try
        {
            var (value, invalid) = await JsonBodies.ReadAsync(body, typeInfo, request.HttpContext.RequestAborted);
            return (value, invalid is null ? null : ApiErrors.BadRequest(invalid));
        }
        catch (BadHttpRequestException tooLarge) when (tooLarge.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TooLarge(request, maxBytes));
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
}
