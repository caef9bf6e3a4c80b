using Orleans.Inference.Engines;
using Orleans.Inference.Generation;
using Orleans.Inference.Streaming;
using Orleans.Streams;

namespace Orleans.Inference.Batching;

/// <summary>The OrleansStreams transport: a sequence's tokens published on a stream its host subscribed to.</summary>
public sealed partial class BatchGrain
{
    public async Task PublishTokensAsync(InferenceRequest request, Guid requestId, string streamKey)
    {
        StartCall();
        try
        {
            if (!IsReady()) await EnsureReadyAsync(CancellationToken.None);
            var sequence = BatchSequence.ForStream(request, CancellationToken.None, _streaming.MaxBufferedTokens);
            Enqueue(sequence);
            _published[requestId] = sequence;
            var stream = this.GetStreamProvider(TokenStreams.StreamProvider)
                .GetStream<TokenStreamItem>(StreamId.Create(TokenStreams.Namespace, streamKey));
            _ = PublishAsync(sequence, requestId, stream);
        }
        finally
        {
            EndCall();
        }
    }

    public Task CancelTokensAsync(Guid requestId)
    {
        if (_published.TryGetValue(requestId, out var sequence)) sequence.Abandon();
        return Task.CompletedTask;
    }

    /// <summary>
    /// Publishes the sequence's tokens in order, one message at a time; whatever is produced meanwhile is merged into the
    /// next message, so a slow stream gets fewer, larger messages rather than a backlog.
    /// </summary>
    private async Task PublishAsync(BatchSequence sequence, Guid requestId, IAsyncStream<TokenStreamItem> stream)
    {
        try
        {
            while (await sequence.WaitToTakeAsync(CancellationToken.None))
            {
                while (sequence.TryTake(out var chunk)) await stream.OnNextAsync(new TokenStreamItem(requestId, chunk));
            }
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            await PublishErrorAsync(stream, requestId, error);
        }
        finally
        {
            sequence.Abandon();
            _published.Remove(requestId);
            MoveIfIdle();
        }
    }

    private async Task PublishErrorAsync(IAsyncStream<TokenStreamItem> stream, Guid requestId, Exception error)
    {
        try
        {
            await stream.OnNextAsync(new TokenStreamItem(requestId, null, error));
        }
        catch (Exception publishError)
        {
            // The reader's idle timeout ends its request: nothing else can reach it now.
            LogPublishFailed(logger, publishError, ModelId, requestId);
        }
    }
}
