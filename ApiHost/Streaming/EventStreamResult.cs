using System.Buffers;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Orleans.Inference.ApiHost.Errors;
using Orleans.Inference.ApiHost.Hosting;
using Orleans.Inference.OpenAiProtocol.Errors;
using Orleans.Inference.OpenAiProtocol.Json;

namespace Orleans.Inference.ApiHost.Streaming;

/// <summary>
/// Writes chunks as Server-Sent Events in OpenAI's form (<c>data: {json}</c>, each flushed as it comes,
/// then <c>data: [DONE]</c>) with the framework's <see cref="SseFormatter"/>. The first chunk is read before the
/// result is created, so a request that fails at once still gets a proper status; a failure after that
/// can only be told in the stream, as an error event before <c>[DONE]</c>.
/// </summary>
internal sealed partial class EventStreamResult<T>(
    IAsyncEnumerator<T> chunks, JsonTypeInfo<T> typeInfo, GenerationRequestFeature? request, ILogger logger) : IResult
    where T : class
{
    private Utf8JsonWriter? _writer;

    /// <summary>Starts the stream: reads its first chunk, so that errors before any output become ordinary responses.</summary>
    public static async Task<IResult> StartAsync(IAsyncEnumerable<T> source, JsonTypeInfo<T> typeInfo, HttpContext http)
    {
        var chunks = source.GetAsyncEnumerator(http.RequestAborted);
        try
        {
            if (!await chunks.MoveNextAsync()) throw new InvalidOperationException("The stream ended before its first chunk.");
        }
        catch
        {
            await chunks.DisposeAsync();
            throw;
        }

        var request = http.Features.Get<GenerationRequestFeature>();
        if (request is not null) http.RequestServices.GetRequiredService<RequestMetrics>().FirstToken(request);
        var logger = http.RequestServices.GetRequiredService<ILogger<EventStreamResult<T>>>();
        return new EventStreamResult<T>(chunks, typeInfo, request, logger);
    }

    public async Task ExecuteAsync(HttpContext http)
    {
        var response = EventStreamResponse.Begin(http);
        try
        {
            await SseFormatter.WriteAsync(Events(http.RequestAborted), response.Body, Format, http.RequestAborted);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The client disconnected; the cancellation has already reached the backend.
        }
    }

    private async IAsyncEnumerable<SseItem<StreamEvent<T>>> Events([EnumeratorCancellation] CancellationToken aborted)
    {
        await using var _ = chunks;
        yield return new SseItem<StreamEvent<T>>(new StreamEvent<T>(chunks.Current, null));
        while (true)
        {
            OpenAiErrorResponse? failure = null;
            bool more;
            try
            {
                more = await chunks.MoveNextAsync();
            }
            catch (Exception error) when (!aborted.IsCancellationRequested)
            {
                LogStreamFailed(logger, error);
                request?.StreamFailed = true;
                failure = ToError(error);
                more = false;
            }

            if (failure is not null) yield return new SseItem<StreamEvent<T>>(new StreamEvent<T>(null, failure));
            if (!more) break;
            yield return new SseItem<StreamEvent<T>>(new StreamEvent<T>(chunks.Current, null));
        }

        yield return new SseItem<StreamEvent<T>>(StreamEvent<T>.Done);
    }

    private void Format(SseItem<StreamEvent<T>> item, IBufferWriter<byte> buffer)
    {
        var value = item.Data;
        if (value.Chunk is null && value.Error is null)
        {
            buffer.Write("[DONE]"u8);
            return;
        }

        // One writer per stream, reset onto each event's buffer: a new one per token would be a needless allocation.
        var writer = _writer ??= new Utf8JsonWriter(buffer);
        writer.Reset(buffer);
        if (value.Chunk is not null) JsonSerializer.Serialize(writer, value.Chunk, typeInfo);
        else JsonSerializer.Serialize(writer, value.Error!, OpenAiJson.Context.OpenAiErrorResponse);
        writer.Flush();
    }

    /// <summary>The same error as a response not yet begun would get (<see cref="ExceptionErrors"/>); an unexpected failure is the backend's.</summary>
    private static OpenAiErrorResponse ToError(Exception error) => new(
        ExceptionErrors.Map(error)?.Error ?? new OpenAiError("The backend failed while generating this response.", ApiErrors.ServerError, null, "backend_error"));

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "A stream failed after it had started; the client gets an error event")]
    private static partial void LogStreamFailed(ILogger logger, Exception error);
}
