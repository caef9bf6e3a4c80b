using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Orleans.Inference.Streaming;
using Orleans.Streams;

namespace Orleans.Inference.ApiHost.Streaming;

/// <summary>
/// This host's token streams: subscribed once, on first use, and shared by every streamed request, each of which
/// registers a <see cref="TokenStreamReader"/> under its id for as long as it runs. Messages for requests that have
/// already ended are dropped.
/// </summary>
internal sealed partial class TokenStreamHub(IClusterClient client, IOptions<StreamingOptions> options, ILogger<TokenStreamHub> logger)
{
    /// <summary>This host's stream keys: one per queue, so its requests spread over the pulling agents.</summary>
    private readonly string[] _streamKeys = HostStreamKeys(options.Value.Queues);
    private readonly ConcurrentDictionary<Guid, TokenStreamReader> _readers = new();
    private readonly SemaphoreSlim _subscribing = new(1, 1);
    private volatile bool _subscribed;

    /// <summary>Requests registered now: one per streamed request in flight, none once they are done.</summary>
    public int OpenRequests => _readers.Count;

    /// <summary>The key of the stream that carries <paramref name="requestId"/>'s tokens.</summary>
    public string StreamKeyFor(Guid requestId) => _streamKeys[(uint)requestId.GetHashCode() % (uint)_streamKeys.Length];

    public async ValueTask EnsureSubscribedAsync()
    {
        if (_subscribed) return;
        await _subscribing.WaitAsync();
        try
        {
            if (_subscribed) return;
            var provider = client.GetStreamProvider(TokenStreams.StreamProvider);
            foreach (var key in _streamKeys)
            {
                await provider.GetStream<TokenStreamItem>(StreamId.Create(TokenStreams.Namespace, key)).SubscribeAsync(new Observer(this));
            }

            _subscribed = true;
        }
        finally
        {
            _subscribing.Release();
        }
    }

    private static string[] HostStreamKeys(int count)
    {
        var host = Guid.NewGuid().ToString("N");
        return [.. Enumerable.Range(0, count).Select(i => $"{host}-{i}")];
    }

    public TokenStreamReader Open(Guid requestId, Action overflowed)
    {
        var reader = new TokenStreamReader(options.Value.MaxBufferedTokens, overflowed);
        _readers[requestId] = reader;
        return reader;
    }

    public void Close(Guid requestId) => _readers.TryRemove(requestId, out _);

    private void Deliver(TokenStreamItem item)
    {
        if (_readers.TryGetValue(item.RequestId, out var reader)) reader.Deliver(item);
    }

    private void FailAll(Exception error)
    {
        LogStreamFailed(logger, error);
        foreach (var reader in _readers.Values) reader.Fail(error);
    }

    [LoggerMessage(EventId = 3004, Level = LogLevel.Error, Message = "A token stream of this host failed; its requests end with an error")]
    private static partial void LogStreamFailed(ILogger logger, Exception error);

    /// <summary>Hands each message to its request, never waiting: the agent delivering it serves every request of the stream.</summary>
    private sealed class Observer(TokenStreamHub hub) : IAsyncObserver<TokenStreamItem>
    {
        public Task OnNextAsync(TokenStreamItem item, StreamSequenceToken? token = null)
        {
            hub.Deliver(item);
            return Task.CompletedTask;
        }

        public Task OnCompletedAsync() => Task.CompletedTask;

        public Task OnErrorAsync(Exception ex)
        {
            hub.FailAll(ex);
            return Task.CompletedTask;
        }
    }
}
