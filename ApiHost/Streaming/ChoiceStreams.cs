using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Orleans.Inference.Generation;

namespace Orleans.Inference.ApiHost.Streaming;

/// <summary>Streams several sequences of one request as one, each chunk tagged with its choice index.</summary>
internal static class ChoiceStreams
{
    public static IAsyncEnumerable<(int Index, TokenChunk Chunk)> StreamAsync(
        this ITokenTransport transport, string modelId, InferenceRequest[] requests, CancellationToken cancellationToken) =>
        requests.Length == 1
            ? Single(transport.StreamAsync(modelId, requests[0], cancellationToken), cancellationToken)
            : Merge(transport, modelId, requests, cancellationToken);

    private static async IAsyncEnumerable<(int, TokenChunk)> Single(
        IAsyncEnumerable<TokenChunk> chunks, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var chunk in chunks.WithCancellation(cancellationToken)) yield return (0, chunk);
    }

    private static async IAsyncEnumerable<(int, TokenChunk)> Merge(
        ITokenTransport transport, string modelId, InferenceRequest[] requests,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // Bounded, so a slow reader holds each choice's tokens back in its transport, where the slow-reader bound applies.
        var merged = Channel.CreateBounded<(int, TokenChunk)>(new BoundedChannelOptions(requests.Length) { SingleReader = true });
        var pumps = new Task[requests.Length];
        for (var i = 0; i < requests.Length; i++)
        {
            pumps[i] = PumpAsync(i, transport.StreamAsync(modelId, requests[i], stop.Token), merged.Writer, stop.Token);
        }

        _ = Task.WhenAll(pumps).ContinueWith(
            all => merged.Writer.TryComplete(all.Exception?.InnerException),
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        try
        {
            await foreach (var item in merged.Reader.ReadAllAsync(cancellationToken)) yield return item;
        }
        finally
        {
            // A failed or abandoned merge cancels the sequences still running.
            await stop.CancelAsync();
        }
    }

    private static async Task PumpAsync(
        int index, IAsyncEnumerable<TokenChunk> chunks, ChannelWriter<(int, TokenChunk)> merged, CancellationToken cancellationToken)
    {
        await foreach (var chunk in chunks) await merged.WriteAsync((index, chunk), cancellationToken);
    }
}
