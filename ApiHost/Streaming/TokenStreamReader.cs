using System.Threading.Channels;
using Orleans.Inference.Streaming;

namespace Orleans.Inference.ApiHost.Streaming;

/// <summary>
/// One request's tokens as its host's stream delivers them. The pulling agent that delivers them serves other requests
/// too, so delivery never waits for the HTTP writer: items are buffered, and a reader that lets more than
/// <see cref="StreamingOptions.MaxBufferedTokens"/> tokens wait is cut off with <see cref="SlowReaderException"/>,
/// and <paramref name="overflowed"/> runs at once: the writer is stuck on its client, so it cannot be the one to stop the sequence.
/// </summary>
internal sealed class TokenStreamReader(int maxBufferedTokens, Action overflowed)
{
    private readonly Channel<TokenStreamItem> _items = Channel.CreateUnbounded<TokenStreamItem>(new UnboundedChannelOptions { SingleReader = true });
    private int _bufferedTokens;

    public void Deliver(TokenStreamItem item)
    {
        var buffered = Interlocked.Add(ref _bufferedTokens, item.Chunk?.TokenCount ?? 0);
        if (buffered <= maxBufferedTokens) _items.Writer.TryWrite(item);
        else if (_items.Writer.TryComplete(new SlowReaderException(buffered))) overflowed();
    }

    /// <summary>Ends the request with <paramref name="error"/> (its stream failed).</summary>
    public void Fail(Exception error) => _items.Writer.TryComplete(error);

    /// <summary>The next item; throws <see cref="TimeoutException"/> when none comes within <paramref name="idleTimeout"/>.</summary>
    public async ValueTask<TokenStreamItem> ReadAsync(CancellationTokenSource idle, TimeSpan idleTimeout, CancellationToken cancellationToken)
    {
        TokenStreamItem? item;
        while (!_items.Reader.TryRead(out item))
        {
            idle.CancelAfter(idleTimeout);
            try
            {
                // WaitToReadAsync, not ReadAsync: it throws the failure itself rather than wrapped in ChannelClosedException.
                if (!await _items.Reader.WaitToReadAsync(idle.Token)) throw new InvalidOperationException("The token stream ended without a final chunk.");
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
