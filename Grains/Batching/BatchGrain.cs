using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using Orleans.Inference.Backends;
using Orleans.Inference.Generation;
using Orleans.Inference.Hosting;
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
    ModelCatalog catalog,
    [FromKeyedServices(InferenceTime.Key)] TimeProvider time,
    ILogger<BatchGrain> logger) : Grain, IBatchGrain
{
    private readonly Queue<BatchSequence> _queue = new();
    private readonly HashSet<List<BatchSequence>> _running = [];
    private IInferenceBackend _backend = null!;
    private BatchingOptions _batching = null!;
    private bool _dispatching;
    private bool _accepting = true;
    private TaskCompletionSource? _drained;

    private string ModelId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var model = await catalog.FindAsync(ModelId) ?? throw new ModelNotFoundException(ModelId);
        _batching = model.Batching;
        _backend = backends.Get(ModelId, model);
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

    public Task OpenAsync()
    {
        _accepting = true;
        return Task.CompletedTask;
    }

    public async Task DrainAsync(TimeSpan timeout)
    {
        _accepting = false;
        if (InFlight == 0) return;
        _drained ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            await _drained.Task.WaitAsync(timeout, time);
        }
        catch (TimeoutException)
        {
            // Past the drain timeout the model goes anyway: what is left fails alone, each caller told why.
            var error = new ModelUnavailableException(ModelId, ModelState.Unloading, $"The model '{ModelId}' was unloaded before this request finished.");
            LogDrainTimedOut(logger, ModelId, InFlight);
            while (_queue.TryDequeue(out var queued)) queued.Fail(error);
            foreach (var sequence in _running.SelectMany(batch => batch)) sequence.Fail(error);
        }
    }

    public Task<int> GetInFlightAsync() => Task.FromResult(InFlight);

    private int InFlight => _queue.Count + _running.Sum(batch => batch.Count(sequence => !sequence.IsFinished));

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
        if (!_accepting) throw new ModelUnavailableException(ModelId, ModelState.Unloading, $"The model '{ModelId}' is being unloaded.");
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
        while (_running.Count < _batching.MaxConcurrentBatches && _queue.Count > 0)
        {
            var batch = new List<BatchSequence>(Math.Min(_queue.Count, _batching.MaxBatchSize));
            while (batch.Count < _batching.MaxBatchSize && _queue.TryDequeue(out var sequence))
            {
                if (sequence.IsCancellationRequested) sequence.Finish(FinishReason.Cancelled);
                else batch.Add(sequence);
            }

            if (batch.Count == 0) continue;
            _running.Add(batch);
            _ = RunBatchAsync(batch);
        }
    }

    private async Task RunBatchAsync(List<BatchSequence> batch)
    {
        try
        {
            LogBatchDispatched(logger, ModelId, batch.Count, _queue.Count);

            // The backend does its waiting (and large work) off this grain's scheduler, so submits keep flowing in.
            await _backend.RunBatchAsync(batch, CancellationToken.None);
        }
        catch (Exception error)
        {
            LogBatchFailed(logger, error, ModelId, batch.Count);
            foreach (var sequence in batch) sequence.Fail(error);
        }
        finally
        {
            _running.Remove(batch);
            TryDispatch();
            if (_drained is not null && InFlight == 0)
            {
                _drained.TrySetResult();
                _drained = null;
            }
        }
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Trace, Message = "Model {ModelId}: dispatching a batch of {BatchSize}, {Waiting} waiting")]
    private static partial void LogBatchDispatched(ILogger logger, string modelId, int batchSize, int waiting);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Error, Message = "Model {ModelId}: a batch of {BatchSize} failed")]
    private static partial void LogBatchFailed(ILogger logger, Exception error, string modelId, int batchSize);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "Model {ModelId}: drain timed out with {InFlight} requests in flight; they fail")]
    private static partial void LogDrainTimedOut(ILogger logger, string modelId, int inFlight);
}
