using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Orleans.Streams;

namespace Orleans.Inference.Models;

/// <summary>Publishing the model's status changes: on its Orleans stream, and to typed-client watchers.</summary>
public sealed partial class ModelGrain
{
    private readonly List<ChannelWriter<ModelStatus>> _watchers = [];
    private Channel<ModelStatus>? _events;
    private long _sequence;

    public async IAsyncEnumerable<ModelStatus> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ThrowIfUnknown();
        var changes = Channel.CreateUnbounded<ModelStatus>(new UnboundedChannelOptions { SingleReader = true });
        _watchers.Add(changes.Writer);
        try
        {
            yield return _status;
            await foreach (var status in changes.Reader.ReadAllAsync(cancellationToken)) yield return status;
        }
        finally
        {
            _watchers.Remove(changes.Writer);
        }
    }

    private void StartEvents()
    {
        var stream = this.GetStreamProvider(ModelEvents.StreamProvider)
            .GetStream<ModelStatus>(StreamId.Create(ModelEvents.Namespace, ModelId));
        _events = Channel.CreateUnbounded<ModelStatus>(new UnboundedChannelOptions { SingleReader = true });
        _ = PublishAsync(stream, _events.Reader);
    }

    private void StopEvents() => _events?.Writer.TryComplete();

    private void SetStatus(ModelStatus status)
    {
        status = status with { Sequence = ++_sequence };
        if (status.State != _status.State) metrics.StateChanged(ModelId, status.State);
        _status = status;
        _events?.Writer.TryWrite(status);
        foreach (var watcher in _watchers) watcher.TryWrite(status);
    }

    /// <summary>One publisher per grain, awaiting each event, so subscribers see them in order.</summary>
    private async Task PublishAsync(IAsyncStream<ModelStatus> stream, ChannelReader<ModelStatus> events)
    {
        await foreach (var status in events.ReadAllAsync())
        {
            try
            {
                await stream.OnNextAsync(status);
            }
            catch (Exception error)
            {
                LogPublishFailed(logger, error, ModelId);
            }
        }
    }
}
