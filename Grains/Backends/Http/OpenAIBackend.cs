using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Text.Json;
using Orleans.Inference.Backends.Http.Json;
using Orleans.Inference.Engines;
using Orleans.Inference.Generation;
using Orleans.Inference.OpenAiProtocol.Json;
using Orleans.Inference.OpenAiProtocol.Reading;

namespace Orleans.Inference.Backends.Http;

/// <summary>
/// A model served by an OpenAI-compatible server through a <see cref="BackendEndpoint"/>. A batch of compatible
/// completions goes as one request with an array prompt (when <see cref="OpenAIModelOptions.ArrayBatching"/>); chat
/// requests, which have no array form, go side by side over the pool. Streams are parsed as they arrive and each choice
/// goes to its own caller; a caller that leaves cancels its request (or, in an array, its choice, and the request once
/// every choice has gone).
/// </summary>
internal sealed partial class OpenAIBackend(string modelId, OpenAIModelOptions options, BackendEndpoint endpoint, BackendLog log)
    : IInferenceBackend
{
    private const string RequestIdHeader = "x-request-id";

    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private static readonly object ChatKey = new();

    /// <summary>Where the bytes after a stream's end are read to; shared, since nobody reads them back.</summary>
    private static readonly byte[] Discarded = new byte[64];

    private readonly string _model = options.Model ?? modelId;

    public object? BatchKey(InferenceRequest request)
    {
        if (!options.ArrayBatching) return null;
        if (request.Messages is not null) return ChatKey;
        var sampling = request.Sampling;
        return new ArrayKey(sampling.MaxTokens, sampling.Temperature, sampling.TopP, sampling.Seed,
            sampling.Stop is { Length: > 0 } stops ? string.Join('\0', stops) : null, request.User);
    }

    /// <summary>Chat, and completions without array batching: each sequence is its own backend request (see <see cref="RunBatchAsync"/>).</summary>
    public bool RunsAlone(InferenceRequest request) => !options.ArrayBatching || request.Messages is not null;

    public Task RunBatchAsync(IReadOnlyList<BatchSequence> batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 1) return RunAsync(batch, cancellationToken);
        if (options.ArrayBatching && batch[0].Request.Messages is null)
        {
            // Prefix affinity may split an array whose prompts are cached on different replicas: one array for each.
            if (endpoint.SplitByPrefix(batch) is not { } parts) return RunAsync(batch, cancellationToken);
            return Task.WhenAll(parts.Select(part => RunAsync(part, cancellationToken)));
        }

        var runs = new Task[batch.Count];
        for (var i = 0; i < batch.Count; i++) runs[i] = RunAsync([batch[i]], cancellationToken);
        return Task.WhenAll(runs);
    }

    public Task UnloadAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>One backend request for <paramref name="batch"/> (one sequence, or an array of completions).</summary>
    private async Task RunAsync(IReadOnlyList<BatchSequence> batch, CancellationToken cancellationToken)
    {
        var router = new ChoiceRouter(batch);
        // The batch's own token is not linked when it cannot be cancelled (the batch grain passes none): a plain source is cheaper.
        using var abort = cancellationToken.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken) : new CancellationTokenSource();
        // Declared after abort, so disposed before it: no caller's callback can reach abort once it is disposed.
        using var callers = new CallerLinks(batch, abort);
        // vLLM adopts X-Request-Id as its own id, so its logs meet ours; an array batch has no single id to give.
        var requestId = batch.Count == 1 ? batch[0].Request.RequestId : null;
        try
        {
            // One streaming caller is reason enough to stream; an array is always streamed, for exact per-choice usage.
            var stream = batch.Count > 1 || batch[0].IsStreaming;
            var first = batch[0].Request;
            var (path, body) = first.Messages is null
                ? ("v1/completions", RequestBodies.Completion(_model, batch, stream, options.ContinuousUsageStats))
                : ("v1/chat/completions", RequestBodies.Chat(_model, first, stream, options.ContinuousUsageStats));
            using var response = await endpoint.SendAsync(replica => Post(replica, path, body, requestId, stream), requestId, abort.Token, batch)
                .ConfigureAwait(false);
            if (stream) await ReadStreamAsync(response.Message, router, abort.Token).ConfigureAwait(false);
            else await ReadWholeAsync(response.Message, router, abort.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (abort.IsCancellationRequested)
        {
            router.Cancel();
        }
        catch (BackendException error)
        {
            router.Fail(error);
        }
        catch (Exception error) when (error is HttpRequestException or IOException or JsonException)
        {
            var lost = BackendErrors.StreamLost(endpoint.Name, error);
            log.RequestFailed(endpoint.Name, null, requestId, lost, error);
            router.Fail(lost);
        }
    }

    private static HttpRequestMessage Post(BackendReplica replica, string path, byte[] body, string? requestId, bool stream)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = Json;
        var message = new HttpRequestMessage(HttpMethod.Post, new Uri(replica.BaseAddress, path)) { Content = content };
        // The server would close it anyway, unannounced: asking keeps the dead connection out of the pool.
        if (stream && replica.ClosesConnections) message.Headers.ConnectionClose = true;
        if (requestId is not null) message.Headers.TryAddWithoutValidation(RequestIdHeader, requestId);
        return message;
    }

    private async Task ReadStreamAsync(HttpResponseMessage response, ChoiceRouter router, CancellationToken cancellationToken)
    {
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var parser = SseParser.Create(body, static (_, data) => data.SequenceEqual("[DONE]"u8) ? null : JsonSerializer.Deserialize(data, OpenAiJson.Context.ResponseChunk));
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var idleTimeout = endpoint.Resilience.StreamIdleTimeout;
        idle.CancelAfter(idleTimeout);
        try
        {
            await foreach (var item in parser.EnumerateAsync(idle.Token).ConfigureAwait(false))
            {
                idle.CancelAfter(idleTimeout);
                if (Route(item.Data, router)) continue;
                await ReadRestAsync(body, idle.Token).ConfigureAwait(false);
                return;
            }
        }
        catch (OperationCanceledException) when (idle.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            router.Fail(new BackendException($"Backend '{endpoint.Name}' sent nothing for {idleTimeout.TotalSeconds:0.#} s mid-stream.", 504));
            return;
        }

        // The body ended without [DONE]: sequences still open were cut off.
        router.Fail(BackendErrors.StreamLost(endpoint.Name, null));
    }

    /// <summary>
    /// Reads what follows the stream's end (the chunked body's terminator), so the connection goes back to the pool: the
    /// handler does not drain an unfinished body (MaxResponseDrainSize is 0, for abandoned streams) and would close it.
    /// A server that sends more than a little after <c>[DONE]</c> loses its connection instead.
    /// </summary>
    private static async Task ReadRestAsync(Stream body, CancellationToken cancellationToken)
    {
        for (var read = 0; read < 4 * Discarded.Length; )
        {
            var count = await body.ReadAsync(Discarded, cancellationToken).ConfigureAwait(false);
            if (count == 0) return;
            read += count;
        }
    }

    /// <summary>Hands one streamed event to its caller; false once the stream is over ([DONE] or an error event).</summary>
    private bool Route(ResponseChunk? chunk, ChoiceRouter router)
    {
        if (chunk is null)
        {
            router.Complete();
            return false;
        }

        if (chunk.Error is { } error)
        {
            router.Fail(new BackendException($"Backend '{endpoint.Name}' failed mid-stream: {ErrorText(error)}", 502));
            return false;
        }

        router.Route(chunk);
        return true;
    }

    private static async Task ReadWholeAsync(HttpResponseMessage response, ChoiceRouter router, CancellationToken cancellationToken)
    {
        var answer = await response.Content.ReadFromJsonAsync(OpenAiJson.Context.ResponseChunk, cancellationToken).ConfigureAwait(false);
        if (answer is not null) router.Route(answer);
        router.Complete();
    }

    private static string ErrorText(JsonElement error) =>
        error.ValueKind == JsonValueKind.Object && error.TryGetProperty("message", out var message) ? message.ToString() : error.ToString();

    /// <summary>Completions that can share one array request: the same sampling for every prompt.</summary>
    private sealed record ArrayKey(int MaxTokens, float? Temperature, float? TopP, long? Seed, string? Stop, string? User);
}
