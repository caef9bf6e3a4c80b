using Orleans.Inference.Generation;
using Orleans.Inference.OpenAiProtocol.Json;
using Orleans.Inference.OpenAiProtocol.Requests;
using Orleans.Inference.OpenAiProtocol.Responses;
using Orleans.Inference.Simulator.Engine;
using Orleans.Inference.Simulator.Errors;
using Orleans.Inference.Simulator.Faults;
using Orleans.Inference.Simulator.Stats;

namespace Orleans.Inference.Simulator.Streaming;

/// <summary>
/// Streams a batch as vLLM does: one event per engine chunk with the one choice it belongs to, so the choices of an
/// array prompt interleave; then <c>include_usage</c>'s summary, then <c>[DONE]</c>.
/// </summary>
/// <param name="http">The request, whose response is the stream.</param>
/// <param name="options">The request's stream options.</param>
/// <param name="faults">Fault injection: tokens after which the connection is cut, or goes silent.</param>
/// <param name="stats">Counts the cut connections.</param>
internal sealed class ChunkStream(HttpContext http, StreamOptions? options, FaultOptions faults, SimulatorStats stats)
{
    private static readonly TimeSpan DrainDelay = TimeSpan.FromMilliseconds(50);

    public async Task WriteAsync<T>(IAsyncEnumerable<EngineChunk> chunks, int choices, IResponseShape<T> shape)
    {
        var stream = EventStream.Start(http);
        var continuous = options?.ContinuousUsageStats == true;
        var completionTokens = new int[choices];
        var finished = new List<TokenUsage>(choices);
        var written = 0;
        var opened = false;
        try
        {
            await foreach (var (index, promptTokens, chunk) in chunks)
            {
                if (!opened && shape.Opening(continuous ? Usage.Of(promptTokens, 0) : null) is { } opening)
                    await stream.WriteAsync(opening, shape.ChunkTypeInfo);
                opened = true;
                completionTokens[index] += chunk.TokenCount;
                if (chunk.Usage is not null) finished.Add(chunk.Usage);
                var usage = continuous ? Usage.Of(promptTokens, completionTokens[index]) : null;
                await stream.WriteAsync(shape.Chunk(index, chunk.Text, chunk.FinishReason.ToOpenAi(), usage), shape.ChunkTypeInfo);

                written += chunk.TokenCount;
                if (faults.StallAfterTokens > 0 && written >= faults.StallAfterTokens)
                {
                    // Fault injection: a hung server, its connection open and silent; only the client leaving ends it.
                    await Task.Delay(Timeout.Infinite, http.RequestAborted);
                }

                if (faults.DropAfterTokens > 0 && written >= faults.DropAfterTokens)
                {
                    // Fault injection: cut the connection mid-stream, as a crashed server would. Abort discards what Kestrel has
                    // not yet passed to the socket, so the events written first get a moment to reach the client, as they would.
                    stats.ConnectionDropped();
                    await Task.Delay(DrainDelay, CancellationToken.None);
                    http.Abort();
                    return;
                }
            }
        }
        catch (BackendException failed)
        {
            // A sequence failed after the stream began: only an error event can tell the client now.
            await stream.WriteAsync(ApiErrors.BackendFailed(failed.Message).Value!, OpenAiJson.Context.OpenAiErrorResponse);
            await stream.DoneAsync();
            return;
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The client left; the engine drops its sequences at its next step.
            return;
        }

        if (options?.IncludeUsage == true) await stream.WriteAsync(shape.Summary(Usage.Sum(finished)), shape.ChunkTypeInfo);
        await stream.DoneAsync();
    }
}
