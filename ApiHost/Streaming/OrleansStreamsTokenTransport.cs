using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using Microsoft.Extensions.Options;
using Orleans.Inference.Batching;
using Orleans.Inference.Generation;
using Orleans.Inference.Models;
using Orleans.Inference.Streaming;

namespace Orleans.Inference.ApiHost.Streaming;

/// <summary>
/// Tokens on this host's Orleans streams (<see cref="TokenStreamHub"/>): register the request, ask the batch grain to
/// publish, read until the final chunk, then deregister. Cancelling (the client went away) tells the batch grain to drop
/// the sequence.
/// </summary>
internal sealed partial class OrleansStreamsTokenTransport : ITokenTransport
{
    private readonly IClusterClient _client;
    private readonly TokenStreamHub _hub;
    private readonly StreamingOptions _options;
    private readonly ILogger<OrleansStreamsTokenTransport> _logger;

    public OrleansStreamsTokenTransport(
        IClusterClient client, TokenStreamHub hub, IOptions<StreamingOptions> options, IMeterFactory meters, ILogger<OrleansStreamsTokenTransport> logger)
    {
        _client = client;
        _hub = hub;
        _options = options.Value;
        _logger = logger;
        meters.Create(BatchingMetrics.MeterName).CreateObservableUpDownCounter(
            "inference.stream.requests", () => _hub.OpenRequests, "{request}", "Streamed requests waiting for tokens on this host's token streams.");
    }

    public async IAsyncEnumerable<TokenChunk> StreamAsync(
        string modelId, InferenceRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await _client.GetGrain<IModelGrain>(modelId).EnsureReadyAsync(cancellationToken);
        await _hub.EnsureSubscribedAsync();
        var requestId = Guid.NewGuid();
        var batch = _client.GetGrain<IBatchGrain>(modelId);
        var reader = _hub.Open(requestId, () => CancelAsync(batch, requestId).Ignore());
        var published = false;
        var finished = false;
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            await batch.PublishTokensAsync(request, requestId, _hub.StreamKeyFor(requestId));
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
            _hub.Close(requestId);
            if (published && !finished) await CancelAsync(batch, requestId);
        }
    }

    private async Task CancelAsync(IBatchGrain batch, Guid requestId)
    {
        try
        {
            await batch.CancelTokensAsync(requestId);
        }
        catch (Exception error)
        {
            LogCancelFailed(_logger, error, requestId);
        }
    }

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "Could not cancel the sequence of request {RequestId}")]
    private static partial void LogCancelFailed(ILogger logger, Exception error, Guid requestId);
}
