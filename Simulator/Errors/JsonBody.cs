using System.Text.Json.Serialization.Metadata;
using Orleans.Inference.OpenAiProtocol.Errors;
using Orleans.Inference.OpenAiProtocol.Json;

namespace Orleans.Inference.Simulator.Errors;

/// <summary>Reads a request body as JSON, turning every way it can be wrong into an OpenAI-shaped 4xx.</summary>
internal static class JsonBody
{
    public static async Task<(T? Value, IResult? Error)> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> typeInfo)
        where T : class
    {
        if (!request.HasJsonContentType()) return (null, ApiErrors.Of(StatusCodes.Status415UnsupportedMediaType, OpenAiErrors.UnsupportedMediaType()));
        var (value, invalid) = await JsonBodies.ReadAsync(request.Body, typeInfo, request.HttpContext.RequestAborted);
        return (value, invalid is null ? null : ApiErrors.Of(StatusCodes.Status400BadRequest, invalid));
    }
}
