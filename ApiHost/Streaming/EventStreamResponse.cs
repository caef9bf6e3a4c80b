using Microsoft.AspNetCore.Http.Features;

namespace Orleans.Inference.ApiHost.Streaming;

/// <summary>What every Server-Sent Events response of the gateway starts with.</summary>
internal static class EventStreamResponse
{
    /// <summary>
    /// Marks the response as an event stream that no cache keeps and no proxy buffers (nginx honours
    /// <c>X-Accel-Buffering</c>), and turns off the server's own buffering, so each event leaves when it is flushed.
    /// </summary>
    public static HttpResponse Begin(HttpContext http)
    {
        var response = http.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        http.Features.GetRequiredFeature<IHttpResponseBodyFeature>().DisableBuffering();
        return response;
    }
}
