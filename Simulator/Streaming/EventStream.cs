using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.Features;

namespace Orleans.Inference.Simulator.Streaming;

/// <summary>Writes Server-Sent Events in OpenAI's form, <c>data: {json}</c>, each flushed as it is written.</summary>
internal sealed class EventStream
{
    private readonly PipeWriter _body;
    private readonly CancellationToken _aborted;
    private Utf8JsonWriter? _json;

    private EventStream(HttpContext http)
    {
        _body = http.Response.BodyWriter;
        _aborted = http.RequestAborted;
    }

    /// <summary>
    /// Starts an event stream with the headers vLLM's server sends (only its content type: no cache or proxy headers, which
    /// a gateway in front of it must not rely on), unbuffered, so each event reaches the client as it is flushed.
    /// </summary>
    public static EventStream Start(HttpContext http)
    {
        http.Response.ContentType = "text/event-stream; charset=utf-8";
        http.Features.GetRequiredFeature<IHttpResponseBodyFeature>().DisableBuffering();
        return new EventStream(http);
    }

    public async ValueTask WriteAsync<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        _body.Write("data: "u8);
        // One writer per stream, reset for each event: a new one per chunk would be a needless allocation.
        var json = _json ??= new Utf8JsonWriter(_body);
        json.Reset(_body);
        JsonSerializer.Serialize(json, value, typeInfo);
        json.Flush();
        _body.Write("\n\n"u8);
        await _body.FlushAsync(_aborted);
    }

    public async ValueTask DoneAsync()
    {
        _body.Write("data: [DONE]\n\n"u8);
        await _body.FlushAsync(_aborted);
    }
}
