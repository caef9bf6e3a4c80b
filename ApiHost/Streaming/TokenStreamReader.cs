using System.Threading.Channels;
using Orleans.Inference.Streaming;
using Orleans.Streams;

namespace Orleans.Inference.ApiHost.Streaming;

/// <summary>
/// One request's subscription to its token stream. The pulling agent that delivers it serves other streams too, so
/// delivery never waits for the HTTP writer: items are buffered, and a reader that lets more than
/// <see cref="StreamingOptions.MaxBufferedTokens"/> tokens wait is cut off with <see cref="SlowReaderException"/>.
/// </summary>
internal sealed class TokenStreamReader(int maxBufferedTokens) : IAsyncObserver<TokenStreamItem>
{
    private readonly Channel<TokenStreamItem> _items = Channel.CreateUnbounded<TokenStreamItem>(new UnboundedChannelOptions { SingleReader = true });
    private int _bufferedTokens;

    public Task OnNextAsync(TokenStreamItem item, StreamSequenceToken? token = null)
    {
        var buffered = Interlocked.Add(ref _bufferedTokens, item.Chunk?.TokenCount ?? 0);
        if (buffered > maxBufferedTokens) _items.Writer.TryComplete(new SlowReaderException(buffered));
        else _items.Writer.TryWrite(item);
        return Task.CompletedTask;
    }

    public Task OnCompletedAsync()
    {
        _items.Writer.TryComplete();
        return Task.CompletedTask;
    }

    public Task OnErrorAsync(Exception ex)
    {
        _items.Writer.TryComplete(ex);
        return Task.CompletedTask;
    }

    /// <summary>The next item; throws <see cref="TimeoutException"/> when none comes within <paramref name="idle"/>.</summary>
    public async ValueTask<TokenStreamItem> ReadAsync(CancellationTokenSource idle, TimeSpan idleTimeout, CancellationToken cancellationToken)
    {
        if (!_items.Reader.TryRead(out var item))
        {
            idle.CancelAfter(idleTimeout);
            try
            {
                item = await _items.Reader.ReadAsync(idle.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"No token arrived on the request's stream for {idleTimeout.TotalSeconds:F0} s.");
            }
        }

        Interlocked.Add(ref _bufferedTokens, -(item.Chunk?.TokenCount ?? 0));
        return item;
    }
}
