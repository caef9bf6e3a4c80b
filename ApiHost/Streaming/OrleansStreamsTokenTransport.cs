using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using Microsoft.Extensions.Options;
using Orleans.Inference.Batching;
using Orleans.Inference.Generation;
using Orleans.Inference.Models;
using Orleans.Inference.Streaming;
using Orleans.Streams;

namespace Orleans.Inference.ApiHost.Streaming;

/// <summary>
/// Tokens on an Orleans stream per request: subscribe, ask the batch grain to publish, read until the final chunk,
/// then unsubscribe. Cancelling (the client went away) tells the batch grain to drop the sequence.
/// </summary>
internal sealed partial class OrleansStreamsTokenTransport : ITokenTransport
{
    private readonly IClusterClient _client;
    private readonly StreamingOptions _options;
    private readonly ILogger<OrleansStreamsTokenTransport> _logger;
    private int _subscriptions;

    public OrleansStreamsTokenTransport(
        IClusterClient client, IOptions<StreamingOptions> options, IMeterFactory meters, ILogger<OrleansStreamsTokenTransport> logger)
    {
        _client = client;
        _options = options.Value;
        _logger = logger;
        meters.Create(BatchingMetrics.MeterName).CreateObservableUpDownCounter(
            "inference.stream.subscriptions", () => Subscriptions, "{subscription}", "Token stream subscriptions this host holds.");
    }

    /// <summary>Token stream subscriptions held now: one per streamed request in flight, none once they are done.</summary>
    public int Subscriptions => Volatile.Read(ref _subscriptions);

    public async IAsyncEnumerable<TokenChunk> StreamAsync(
        string modelId, InferenceRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await _client.GetGrain<IModelGrain>(modelId).EnsureReadyAsync(cancellationToken);
        var requestId = Guid.NewGuid();
        var reader = new TokenStreamReader(_options.MaxBufferedTokens);
        var stream = _client.GetStreamProvider(TokenStreams.StreamProvider)
            .GetStream<TokenStreamItem>(StreamId.Create(TokenStreams.Namespace, requestId));
        var subscription = await stream.SubscribeAsync(reader);
        Interlocked.Increment(ref _subscriptions);
        var batch = _client.GetGrain<IBatchGrain>(modelId);
        var published = false;
        var finished = false;
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            await batch.PublishTokensAsync(request, requestId);
            published = true;
            var idleTimeout = TimeSpan.FromSeconds(_options.IdleTimeoutSeconds);
            while (!finished)
            {
                var item = await reader.ReadAsync(idle, idleTimeout, cancellationToken);
                if (item.Error is not null) ExceptionDispatchInfo.Throw(item.Error);
                finished = item.Chunk!.IsFinal;
                yield return item.Chunk;
            }
        }
        finally
        {
            await CloseAsync(batch, requestId, subscription, cancel: published && !finished);
        }
    }

    private async Task CloseAsync(IBatchGrain batch, Guid requestId, StreamSubscriptionHandle<TokenStreamItem> subscription, bool cancel)
    {
        try
        {
            if (cancel) await batch.CancelTokensAsync(requestId);
            await subscription.UnsubscribeAsync();
        }
        catch (Exception error)
        {
            LogCloseFailed(_logger, error, requestId);
        }
        finally
        {
            Interlocked.Decrement(ref _subscriptions);
        }
    }

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "Could not cancel or unsubscribe the token stream of request {RequestId}")]
    private static partial void LogCloseFailed(ILogger logger, Exception error, Guid requestId);
}
