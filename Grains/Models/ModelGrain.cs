using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Inference.Backends;
using Orleans.Inference.Batching;

namespace Orleans.Inference.Models;

/// <summary>
/// Owns one model's lifecycle. A load runs in the background; the grain is reentrant, so status
/// queries and requests waiting for readiness interleave with it. Kept alive: its state is the model's.
/// </summary>
[Reentrant]
[KeepAlive]
public sealed partial class ModelGrain(
    BackendProvider backends,
    IOptions<InferenceOptions> options,
    TimeProvider time,
    ILogger<ModelGrain> logger) : Grain, IModelGrain
{
    private ModelOptions? _model;
    private ModelStatus _status = null!;
    private Task<ModelStatus>? _ready;
    private TaskCompletionSource? _loadEnded;

    private string ModelId => _status.ModelId;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var modelId = this.GetPrimaryKeyString();
        options.Value.Models.TryGetValue(modelId, out _model);
        _status = new ModelStatus(modelId, ModelState.Unloaded);
        return Task.CompletedTask;
    }

    public Task<ModelStatus> GetStatusAsync()
    {
        ThrowIfUnknown();
        return Task.FromResult(_status);
    }

    public Task<ModelStatus> LoadAsync()
    {
        ThrowIfUnknown();
        StartLoad();
        return Task.FromResult(_status);
    }

    public Task<ModelStatus> EnsureReadyAsync(CancellationToken cancellationToken) =>
        _ready ?? EnsureReadySlowAsync(cancellationToken);

    private async Task<ModelStatus> EnsureReadySlowAsync(CancellationToken cancellationToken)
    {
        var model = ThrowIfUnknown();
        if (_status.State == ModelState.Unloaded)
        {
            if (!model.LoadOnDemand)
                throw new ModelUnavailableException(ModelId, ModelState.Unloaded, $"The model '{ModelId}' is not loaded.");
            StartLoad();
        }

        if (_status.State == ModelState.Loading)
        {
            try
            {
                await _loadEnded!.Task.WaitAsync(model.LoadWaitTimeout, time, cancellationToken);
            }
            catch (TimeoutException)
            {
                throw new ModelUnavailableException(
                    ModelId, ModelState.Loading, $"The model '{ModelId}' is still loading ({_status.Progress}%).",
                    _status.EstimatedRemaining);
            }
        }

        return _status.State switch
        {
            ModelState.Ready => _status,
            ModelState.Failed => throw new ModelUnavailableException(
                ModelId, ModelState.Failed, $"The model '{ModelId}' failed to load: {_status.Error}"),
            var state => throw new ModelUnavailableException(ModelId, state, $"The model '{ModelId}' is {state}."),
        };
    }

    private void StartLoad()
    {
        if (_status.State is not (ModelState.Unloaded or ModelState.Failed)) return;
        _status = _status with { State = ModelState.Loading, Progress = 0, Stage = "starting", Error = null };
        _loadEnded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        LogLoadStarted(logger, ModelId);
        _ = RunLoadAsync();
    }

    private async Task RunLoadAsync()
    {
        var started = time.GetTimestamp();
        try
        {
            var progress = new ProgressCallback<LoadProgress>(p =>
                _status = _status with { Progress = p.Percent, Stage = p.Stage, EstimatedRemaining = p.Remaining });
            await backends.Get(ModelId).LoadAsync(progress, CancellationToken.None);
            _status = new ModelStatus(ModelId, ModelState.Ready, 100, "ready");
            _ready = Task.FromResult(_status);
            LogLoaded(logger, ModelId, time.GetElapsedTime(started).TotalSeconds);
            await WarmUpBatchGrainAsync();
        }
        catch (Exception error)
        {
            _status = _status with { State = ModelState.Failed, Error = error.Message, EstimatedRemaining = null };
            LogLoadFailed(logger, error, ModelId);
        }
        finally
        {
            _loadEnded!.TrySetResult();
        }
    }

    private async Task WarmUpBatchGrainAsync()
    {
        try
        {
            // Activates the batch grain next to this one (it prefers local placement) before the first request.
            await GrainFactory.GetGrain<IBatchGrain>(ModelId).WarmUpAsync();
        }
        catch (Exception error)
        {
            LogWarmUpFailed(logger, error, ModelId);
        }
    }

    private ModelOptions ThrowIfUnknown() => _model ?? throw new ModelNotFoundException(ModelId);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Model {ModelId}: load started")]
    private static partial void LogLoadStarted(ILogger logger, string modelId);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Model {ModelId}: ready after {Seconds:F1} s")]
    private static partial void LogLoaded(ILogger logger, string modelId, double seconds);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Error, Message = "Model {ModelId}: load failed")]
    private static partial void LogLoadFailed(ILogger logger, Exception error, string modelId);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Warning, Message = "Model {ModelId}: could not warm up its batch grain")]
    private static partial void LogWarmUpFailed(ILogger logger, Exception error, string modelId);
}
