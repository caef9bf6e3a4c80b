using System.Text.Json;
using Orleans.Inference.ApiHost.Json;
using Orleans.Inference.ApiHost.Streaming;
using Orleans.Inference.Models;

namespace Orleans.Inference.ApiHost.Admin;

/// <summary>
/// Writes a model's statuses as Server-Sent Events (<c>event: status</c>, each flushed as it comes), with a comment
/// line after every <see cref="ModelEventsOptions.KeepAliveInterval"/> without one. Ends when the client leaves or,
/// when asked for, once the model settles.
/// </summary>
internal sealed class ModelEventsResult(IAsyncEnumerable<ModelStatus> statuses, ModelOptions model, bool untilSettled, TimeSpan keepAlive)
    : IResult
{
    private static readonly byte[] KeepAlive = ": keep-alive\n\n"u8.ToArray();
    private static readonly byte[] EventStart = "event: status\ndata: "u8.ToArray();
    private static readonly byte[] EventEnd = "\n\n"u8.ToArray();

    public async Task ExecuteAsync(HttpContext http)
    {
        var response = EventStreamResponse.Begin(http);
        var aborted = http.RequestAborted;
        var changes = statuses.GetAsyncEnumerator(aborted);
        Task<bool>? pending = null;
        try
        {
            // Headers go out at once, so a watcher knows its watch is open before anything happens.
            await response.Body.FlushAsync(aborted);
            while (true)
            {
                pending = changes.MoveNextAsync().AsTask();
                if (!await WaitAsync(pending, response, aborted)) return;
                pending = null;
                var status = changes.Current;
                await WriteAsync(response, AdminModelStatus.From(status, model), aborted);
                if (untilSettled && status.IsSettled) return;
            }
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The watcher left.
        }
        finally
        {
            // A watcher that left mid-wait cancelled the step under way too; an iterator cannot be disposed before it ends.
            if (pending is not null) await pending.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            await changes.DisposeAsync();
        }
    }

    /// <summary>Waits for the next status, sending a keep-alive comment each time the wait outlasts the interval.</summary>
    private async Task<bool> WaitAsync(Task<bool> next, HttpResponse response, CancellationToken aborted)
    {
        while (true)
        {
            try
            {
                return await next.WaitAsync(keepAlive, aborted);
            }
            catch (TimeoutException)
            {
                await response.Body.WriteAsync(KeepAlive, aborted);
                await response.Body.FlushAsync(aborted);
            }
        }
    }

    private static async Task WriteAsync(HttpResponse response, AdminModelStatus status, CancellationToken aborted)
    {
        // Serialized on one line (the context does not indent), so one data line carries it.
        var json = JsonSerializer.SerializeToUtf8Bytes(status, GatewayJson.Context.AdminModelStatus);
        await response.Body.WriteAsync(EventStart, aborted);
        await response.Body.WriteAsync(json, aborted);
        await response.Body.WriteAsync(EventEnd, aborted);
        await response.Body.FlushAsync(aborted);
    }
}
