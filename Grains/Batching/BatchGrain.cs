using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Inference.Backends;
using Orleans.Inference.Generation;
using Orleans.Inference.Models;
using Orleans.Placement;

namespace Orleans.Inference.Batching;

/// <summary>
/// Queues one model's requests and dispatches them in batches. A batch leaves as soon as the backend
/// has room (a lone request at low load goes at once), taking up to <see cref="BatchingOptions.MaxBatchSize"/>
/// waiting requests; while it runs the next one fills. Reentrant, so submits never wait behind a running batch.
/// </summary>
[Reentrant]
[PreferLocalPlacement]
public sealed partial class BatchGrain(
    BackendProvider backends,
    IOptions<InferenceOptions> options,
    ILogger<BatchGrain> logger) : Grain, IBatchGrain
{
    private readonly Queue<BatchSequence> _queue = new();
    private IInferenceBackend _backend = null!;
    private BatchingOptions _batching = null!;
    private int _batchesInFlight;
    private bool _dispatching;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var modelId = this.GetPrimaryKeyString();
        if (!options.Value.Models.TryGetValue(modelId, out var model)) throw new ModelNotFoundException(modelId);
        _batching = model.Batching;
        _backend = backends.Get(modelId);
        return Task.CompletedTask;
    }

    public Task<InferenceResult> CompleteAsync(InferenceRequest request, CancellationToken cancellationToken)
    {
        var sequence = BatchSequence.ForResult(request, cancellationToken);
        Enqueue(sequence);
        return sequence.Result;
    }

    public async IAsyncEnumerable<TokenChunk> StreamAsync(
        InferenceRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var sequence = BatchSequence.ForStream(request, cancellationToken);
        Enqueue(sequence);
        try
        {
            var chunks = sequence.Chunks;
            while (await chunks.WaitToReadAsync(cancellationToken))
            {
                while (chunks.TryRead(out var chunk))
                {
                    yield return Coalesce(chunk, chunks);
                }
            }
        }
        finally
        {
            sequence.Abandon();
        }
    }

    public Task WarmUpAsync() => Task.CompletedTask;

    /// <summary>Merges chunks that are already waiting into one, so a slow reader gets fewer, larger messages.</summary>
    private static TokenChunk Coalesce(TokenChunk first, System.Threading.Channels.ChannelReader<TokenChunk> chunks)
    {
        if (first.IsFinal || !chunks.TryPeek(out _)) return first;
        var text = new StringBuilder(first.Text);
        var tokens = first.TokenCount;
        TokenChunk? last = null;
        while ((last is null || !last.IsFinal) && chunks.TryRead(out var next))
        {
            text.Append(next.Text);
            tokens += next.TokenCount;
            last = next;
        }

        return new TokenChunk(text.ToString(), tokens, last?.FinishReason, last?.Usage);
    }

    private void Enqueue(BatchSequence sequence)
    {
        _queue.Enqueue(sequence);
        TryDispatch();
    }

    private void TryDispatch()
    {
        // A batch that completes synchronously calls back in here; the loop below already picks up what is left.
        if (_dispatching) return;
        _dispatching = true;
        try
        {
            DispatchWhileRoom();
        }
        finally
        {
            _dispatching = false;
        }
    }

    private void DispatchWhileRoom()
    {
        while (_batchesInFlight < _batching.MaxConcurrentBatches && _queue.Count > 0)
        {
            var batch = new List<BatchSequence>(Math.Min(_queue.Count, _batching.MaxBatchSize));
            while (batch.Count < _batching.MaxBatchSize && _queue.TryDequeue(out var sequence))
            {
                if (sequence.IsCancellationRequested) sequence.Finish(FinishReason.Cancelled);
                else batch.Add(sequence);
            }

            if (batch.Count == 0) continue;
            _batchesInFlight++;
            _ = RunBatchAsync(batch);
        }
    }

    private async Task RunBatchAsync(List<BatchSequence> batch)
    {
        try
        {
            LogBatchDispatched(logger, this.GetPrimaryKeyString(), batch.Count, _queue.Count);

            // The backend does its waiting (and large work) off this grain's scheduler, so submits keep flowing in.
            await _backend.RunBatchAsync(batch, CancellationToken.None);
        }
        catch (Exception error)
        {
            LogBatchFailed(logger, error, this.GetPrimaryKeyString(), batch.Count);
            foreach (var sequence in batch) sequence.Fail(error);
        }
        finally
        {
            _batchesInFlight--;
            TryDispatch();
        }
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Trace, Message = "Model {ModelId}: dispatching a batch of {BatchSize}, {Waiting} waiting")]
    private static partial void LogBatchDispatched(ILogger logger, string modelId, int batchSize, int waiting);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Error, Message = "Model {ModelId}: a batch of {BatchSize} failed")]
    private static partial void LogBatchFailed(ILogger logger, Exception error, string modelId, int batchSize);
}
