using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Inference.Backends;
using Orleans.Inference.Engines;
using Orleans.Inference.Generation;
using Orleans.Inference.Hosting;
using Orleans.Inference.Models;
using Orleans.Inference.Placement;
using Orleans.Inference.Streaming;
using Orleans.Inference.Telemetry;

namespace Orleans.Inference.Batching;

/// <summary>
/// Queues one model's requests and dispatches them in batches as its <see cref="BatchScheduler"/> decides: on size,
/// when the backend frees up, or when the window expires. Reentrant, so submits never wait behind a running batch;
/// each caller gets its own tokens, and one caller's failure or cancellation never touches the others.
/// It is also the request's only grain call while its model is ready here: the model grain opens it after a load and
/// drains it before an unload, and in between the batch grain marks the model used itself. Otherwise (a load to wait
/// for, a model unloading or failed) it asks the model grain, which loads on demand or says why it cannot serve.
/// </summary>
[Reentrant]
[ModelColocatedPlacement]
public sealed partial class BatchGrain(
    BackendProvider backends,
    IModelCatalog catalog,
    LoadedModels loaded,
    BatchingMetrics metrics,
    IOptions<StreamingOptions> streaming,
    [FromKeyedServices(InferenceTime.Key)] TimeProvider time,
    ILogger<BatchGrain> logger) : Grain, IBatchGrain, IBatchGrainControl
{
    private readonly HashSet<List<BatchSequence>> _running = [];

    /// <summary>Sequences started by PublishTokensAsync (the OrleansStreams transport), by request id, until they end.</summary>
    private readonly Dictionary<Guid, BatchSequence> _published = [];
    private readonly StreamingOptions _streaming = streaming.Value;
    private IInferenceBackend _backend = null!;
    private BatchingOptions _batching = null!;
    private BatchScheduler _scheduler = null!;
    private QueueAdmission _admission = null!;
    private IModelGrain _model = null!;
    private bool _accepting = true;
    private bool _shuttingDown;
    private TimeSpan _drainTimeout;
    private TaskCompletionSource? _drained;
    private IGrainTimer? _wakeTimer;
    private bool _wakeArmed;
    private bool _dispatching;

    /// <summary>The model's usage record while it is ready in this silo: set, the fast path skips the model grain.</summary>
    private ModelUsage? _ready;

    /// <summary>Counts drains, so that a readiness check that a drain overtook does not reopen the fast path.</summary>
    private int _drains;

    /// <summary>The model id, read once: the grain key is decoded on every call otherwise, and the hot path uses it.</summary>
    private string ModelId { get; set; } = null!;

    private int InFlight => (_scheduler?.Count ?? 0) + _running.Sum(batch => batch.Count(sequence => !sequence.IsFinished));

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        ModelId = this.GetPrimaryKeyString();
        _model = GrainFactory.GetGrain<IModelGrain>(ModelId);
        // An unknown id is the model grain's to refuse (ModelNotFoundException) on the first request; one registered later is set up then.
        if (await catalog.FindAsync(ModelId) is { } model) Configure(model);
    }

    private void Configure(ModelOptions model)
    {
        _batching = model.Batching;
        _drainTimeout = model.DrainTimeout;
        _backend = backends.Get(ModelId, model);
        _scheduler = new BatchScheduler(
            _batching, time, sequence => _backend.BatchKey(sequence.Request), sequence => _backend.RunsAlone(sequence.Request));
        _admission = new QueueAdmission(_batching);
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _wakeTimer?.Dispose();
        return Task.CompletedTask;
    }

    public Task<InferenceResult> CompleteAsync(InferenceRequest request, CancellationToken cancellationToken)
    {
        if (!IsReady()) return CompleteWhenReadyAsync(request, cancellationToken);
        var sequence = BatchSequence.ForResult(request, cancellationToken);
        Enqueue(sequence);
        return sequence.Result;
    }

    private async Task<InferenceResult> CompleteWhenReadyAsync(InferenceRequest request, CancellationToken cancellationToken)
    {
        StartCall();
        try
        {
            await EnsureReadyAsync(cancellationToken);
            var sequence = BatchSequence.ForResult(request, cancellationToken);
            Enqueue(sequence);
            return await sequence.Result;
        }
        finally
        {
            EndCall();
        }
    }

    public async IAsyncEnumerable<TokenChunk> StreamAsync(
        InferenceRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Counted until the caller has read the last token: a move before then would lose the rest of the stream.
        StartCall();
        try
        {
            if (!IsReady()) await EnsureReadyAsync(cancellationToken);
            var sequence = BatchSequence.ForStream(request, cancellationToken, _streaming.MaxBufferedTokens);
            Enqueue(sequence);
            try
            {
                while (await sequence.WaitToTakeAsync(cancellationToken))
                {
                    while (sequence.TryTake(out var chunk)) yield return chunk;
                }
            }
            finally
            {
                sequence.Abandon();
            }
        }
        finally
        {
            EndCall();
        }
    }

    public Task OpenAsync()
    {
        _accepting = true;
        if (_scheduler is not null) _scheduler.Draining = false;
        ResetFollowing();
        OpenFastPath();
        return Task.CompletedTask;
    }

    public async Task DrainAsync(TimeSpan timeout)
    {
        _accepting = false;
        _ready = null;
        _drains++;
        if (InFlight == 0) return;
        // What waits goes as soon as the backend has room: no window is worth waiting for now, and the drain then moves
        // on completions alone, whatever the timer does while the silo stops.
        _scheduler.Draining = true;
        TryDispatch();
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
            foreach (var sequence in _scheduler.RemoveAll()) sequence.Fail(error);
            foreach (var sequence in _running.SelectMany(batch => batch)) sequence.Fail(error);
        }
    }

    public Task DrainForShutdownAsync()
    {
        _shuttingDown = true;
        return DrainAsync(_drainTimeout);
    }

    public Task<int> GetInFlightAsync() => Task.FromResult(InFlight);

    private void Enqueue(BatchSequence sequence)
    {
        if (_shuttingDown) throw new ModelMovingException(ModelId);
        if (!_accepting) throw new ModelUnavailableException(ModelId, ModelState.Unloading, $"The model '{ModelId}' is being unloaded.");
        var tenant = sequence.Request.Tenant ?? Tenant.Shared;
        var share = _scheduler.ShareOf(tenant);
        // Callers that have gone still hold places: make room from them before refusing anyone.
        if (_admission.Refuse(share, _scheduler.Count) is not null && _scheduler.RemoveCancelled() is > 0 and var removed)
        {
            metrics.Queued(ModelId, -removed);
            share = _scheduler.ShareOf(tenant);
        }

        if (_admission.Refuse(share, _scheduler.Count) is { } limit)
        {
            metrics.Rejected(ModelId, tenant);
            throw new QueueFullException(ModelId, share.Waiting, _admission.RetryAfter(share), limit);
        }

        sequence.TraceContext = InferenceActivities.Capture();
        _scheduler.Enqueue(sequence);
        metrics.Queued(ModelId, 1);
        LogQueued(logger, ModelId, sequence.Request.RequestId, _scheduler.Count);
        TryDispatch();
    }
}
