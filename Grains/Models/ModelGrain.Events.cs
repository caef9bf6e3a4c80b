using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Orleans.Streams;

namespace Orleans.Inference.Models;

/// <summary>Publishing the model's status changes: on its Orleans stream, and to typed-client watchers.</summary>
public sealed partial class ModelGrain
{
    /// <summary>
    /// How long a watch may stay quiet before it ends, for the typed client to open it again. An enumeration waiting
    /// here is a running request, and Orleans lets the grain move or deactivate only once none runs: a watch held open
    /// for the full long poll (half the response timeout, 15 s) held a migration back that long (measured in the
    /// two-silo watch test).
    /// </summary>
    private static readonly TimeSpan WatchRenewal = TimeSpan.FromSeconds(2);

    public async IAsyncEnumerable<ModelStatus> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ThrowIfUnknown();
        var changes = Channel.CreateUnbounded<ModelStatus>(new UnboundedChannelOptions { SingleReader = true });
        _watchers.Add(changes.Writer);
        try
        {
            yield return _status;
            while (true)
            {
                bool more;
                try
                {
                    more = await changes.Reader.WaitToReadAsync(cancellationToken).AsTask().WaitAsync(WatchRenewal, cancellationToken);
                }
                catch (TimeoutException)
                {
                    yield break;
                }

                if (!more) yield break;
                while (changes.Reader.TryRead(out var status)) yield return status;
            }
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

    /// <summary>
    /// Ends the Orleans stream's publisher and every watch on this activation: a watcher's typed client opens the watch
    /// again on the model's next activation (see <c>WatchModelAsync</c>), so a move or a silo shutdown ends no watch.
    /// </summary>
    private void StopEvents()
    {
        _events?.Writer.TryComplete();
        foreach (var watcher in _watchers) watcher.TryComplete();
    }

    private void SetStatus(ModelStatus status)
    {
        status = status with { Sequence = ++_sequence, Silo = _silo };
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
