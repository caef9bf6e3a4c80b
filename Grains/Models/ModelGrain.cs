using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Inference.Backends;
using Orleans.Inference.Batching;
using Orleans.Inference.Engines;
using Orleans.Inference.Hosting;

namespace Orleans.Inference.Models;

/// <summary>
/// Owns one model's lifecycle: Unloaded, Loading (with progress), Ready, Unloading, or Failed. Loads and unloads run
/// in the background; the grain is reentrant, so status queries and waiting requests interleave with them.
/// Kept alive: its state is the model's. The desired state (loaded or not) is persisted, so a restarted cluster reloads.
/// </summary>
[Reentrant]
[KeepAlive]
public sealed partial class ModelGrain(
    IModelCatalog catalog,
    BackendProvider backends,
    LoadedModels loaded,
    ModelMetrics metrics,
    IOptions<InferenceOptions> options,
    [PersistentState("model", InferenceStorage.Name)] IPersistentState<ModelDesiredState> desired,
    [FromKeyedServices(InferenceTime.Key)] TimeProvider time,
    ILocalSiloDetails silo,
    ILogger<ModelGrain> logger) : Grain, IModelGrain, IModelGrainControl
{
    private readonly ModelUsage _usage = new();
    private readonly List<ChannelWriter<ModelStatus>> _watchers = [];
    private ModelOptions? _model;
    private ModelStatus _status = null!;
    private string? _silo;
    private Task<ModelStatus>? _ready;
    private TaskCompletionSource? _loadEnded;
    private TaskCompletionSource? _unloadEnded;
    private CancellationTokenSource? _loadCancellation;
    private IGrainTimer? _idleTimer;
    private bool _loadAfterUnload;
    private Channel<ModelStatus>? _events;
    private long _sequence;

    private string ModelId => _status.ModelId;

    private IBatchGrain Batch => GrainFactory.GetGrain<IBatchGrain>(ModelId);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Sequences start from the clock so that they keep growing across activations.
        _sequence = time.GetUtcNow().UtcTicks;
        _silo = silo.SiloAddress.ToString();
        _status = new ModelStatus(this.GetPrimaryKeyString(), ModelState.Unloaded, Sequence: _sequence, Silo: _silo);
        metrics.StateChanged(ModelId, ModelState.Unloaded);
        _model = await catalog.FindAsync(ModelId);
        StartEvents();
        if (_model is not null && (desired.State.Loaded ?? _model.LoadOnStart)) StartLoad();
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // A load under way stops with its activation (its silo shuts down, or the grain moves and loads again there).
        _loadCancellation?.Cancel();
        _idleTimer?.Dispose();
        loaded.Remove(ModelId);
        metrics.Deactivated(ModelId);
        StopEvents();
        return Task.CompletedTask;
    }

    public async Task<ModelStatus> GetStatusAsync()
    {
        ThrowIfUnknown();
        var status = _status with { LastUsed = _status.LoadedAt is null ? null : time.GetUtcNow() - time.GetElapsedTime(_usage.LastUsed) };
        if (status.State is ModelState.Ready or ModelState.Unloading) status = status with { InFlight = await Batch.GetInFlightAsync() };
        return status;
    }

    public async Task<ModelStatus> LoadAsync()
    {
        ThrowIfUnknown();
        await SetDesiredAsync(loaded: true);
        if (_status.State == ModelState.Unloading) _loadAfterUnload = true;
        else StartLoad();
        return _status;
    }

    public async Task<ModelStatus> UnloadAsync()
    {
        ThrowIfUnknown();
        await SetDesiredAsync(loaded: false);
        _loadAfterUnload = false;
        StartUnload("unload requested");
        return _status;
    }

    public Task<ModelStatus> EnsureReadyAsync(CancellationToken cancellationToken)
    {
        if (_ready is { } ready)
        {
            _usage.LastUsed = time.GetTimestamp();
            return ready;
        }

        return EnsureReadySlowAsync(cancellationToken);
    }

    public async Task CheckIdleAsync()
    {
        if (_status.State != ModelState.Ready || _model?.KeepAlive is not { } keepAlive) return;
        if (time.GetElapsedTime(_usage.LastUsed) < keepAlive || await Batch.GetInFlightAsync() > 0) return;
        LogIdleUnload(logger, ModelId, keepAlive);
        await SetDesiredAsync(loaded: false);
        StartUnload($"idle for {keepAlive}");
    }

    public async Task<bool> EvictIfIdleAsync()
    {
        if (_status.State != ModelState.Ready || await Batch.GetInFlightAsync() > 0) return false;
        await SetDesiredAsync(loaded: false);
        StartUnload("evicted (least recently used)");
        await _unloadEnded!.Task;
        return true;
    }

    public Task<SiloAddress> GetSiloAsync() => Task.FromResult(silo.SiloAddress);

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
                    ModelId, ModelState.Loading, $"The model '{ModelId}' is still loading ({_status.Progress}%).", _status.EstimatedRemaining);
            }
        }

        return _status.State switch
        {
            ModelState.Ready => _status,
            ModelState.Failed => throw new ModelUnavailableException(
                ModelId, ModelState.Failed, $"The model '{ModelId}' failed to load: {_status.Error}"),
            ModelState.Unloading => throw new ModelUnavailableException(
                ModelId, ModelState.Unloading, $"The model '{ModelId}' is being unloaded.", model.DrainTimeout),
            var state => throw new ModelUnavailableException(ModelId, state, $"The model '{ModelId}' is {state}."),
        };
    }

    private void StartLoad()
    {
        if (_status.State is not (ModelState.Unloaded or ModelState.Failed)) return;
        SetStatus(new ModelStatus(ModelId, ModelState.Loading, 0, "starting"));
        _loadEnded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _loadCancellation = new CancellationTokenSource();
        LogLoadStarted(logger, ModelId);
        _ = RunLoadAsync(_loadCancellation.Token);
    }

    private async Task RunLoadAsync(CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        try
        {
            await EvictIfFullAsync();
            var progress = new ProgressCallback<LoadProgress>(p =>
            {
                LogLoadProgress(logger, ModelId, p.Percent, p.Stage);
                SetStatus(_status with { Progress = p.Percent, Stage = p.Stage, EstimatedRemaining = p.Remaining });
            });
            await backends.Get(ModelId, _model!).LoadAsync(progress, cancellationToken);
            _usage.LastUsed = time.GetTimestamp();
            loaded.Add(ModelId, _usage);
            await Batch.OpenAsync();
            _usage.LastUsed = time.GetTimestamp();
            SetStatus(new ModelStatus(ModelId, ModelState.Ready, 100, "ready", LoadedAt: time.GetUtcNow()));
            _ready = Task.FromResult(_status);
            StartIdleTimer();
            LogLoaded(logger, ModelId, time.GetElapsedTime(started).TotalSeconds);
            metrics.Loaded(ModelId, time.GetElapsedTime(started), "ready");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            SetStatus(new ModelStatus(ModelId, ModelState.Unloaded, 0, "load cancelled"));
        }
        catch (Exception error)
        {
            loaded.Remove(ModelId);
            SetStatus(_status with { State = ModelState.Failed, Error = error.Message, EstimatedRemaining = null });
            LogLoadFailed(logger, error, ModelId);
            metrics.Loaded(ModelId, time.GetElapsedTime(started), "failed");
        }
        finally
        {
            _loadEnded!.TrySetResult();
        }
    }

    private void StartUnload(string reason)
    {
        if (_status.State == ModelState.Loading)
        {
            _loadCancellation?.Cancel();
            return;
        }

        if (_status.State != ModelState.Ready) return;
        _ready = null;
        _idleTimer?.Dispose();
        _idleTimer = null;
        SetStatus(_status with { State = ModelState.Unloading, Stage = reason });
        _unloadEnded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        LogUnloadStarted(logger, ModelId, reason);
        _ = RunUnloadAsync();
    }

    private async Task RunUnloadAsync()
    {
        try
        {
            await Batch.DrainAsync(_model!.DrainTimeout);
            await backends.Get(ModelId, _model).UnloadAsync(CancellationToken.None);
        }
        catch (Exception error)
        {
            LogUnloadFailed(logger, error, ModelId);
        }
        finally
        {
            loaded.Remove(ModelId);
            SetStatus(new ModelStatus(ModelId, ModelState.Unloaded, 0, "unloaded"));
            _unloadEnded!.TrySetResult();
            if (_loadAfterUnload)
            {
                _loadAfterUnload = false;
                StartLoad();
            }
        }
    }

    /// <summary>Makes room under <see cref="InferenceOptions.MaxLoadedModels"/> by unloading the least recently used idle models.</summary>
    private async Task EvictIfFullAsync()
    {
        var max = options.Value.MaxLoadedModels;
        if (max <= 0) return;
        foreach (var victim in loaded.LeastRecentlyUsed(except: ModelId))
        {
            if (loaded.Count < max) return;
            if (await GrainFactory.GetGrain<IModelGrainControl>(victim).EvictIfIdleAsync()) LogEvicted(logger, victim, ModelId);
        }

        if (loaded.Count >= max) LogOverLimit(logger, ModelId, max);
    }

    private void StartIdleTimer()
    {
        if (_model?.KeepAlive is not { } keepAlive) return;
        var period = TimeSpan.FromTicks(Math.Clamp(keepAlive.Ticks / 4, TimeSpan.TicksPerMillisecond * 100, TimeSpan.TicksPerMinute));
        // A grain timer runs the check in the grain's own turn, as a call would; it keeps the activation alive, as the
        // calls of the timer it replaced did, so a loaded model's grain is not collected while it waits out its KeepAlive.
        _idleTimer = this.RegisterGrainTimer(
            static grain => grain.CheckIdleAsync(), this, new GrainTimerCreationOptions(period, period) { KeepAlive = true });
    }

    private async Task SetDesiredAsync(bool loaded)
    {
        if (desired.State.Loaded == loaded) return;
        desired.State.Loaded = loaded;
        await desired.WriteStateAsync();
    }

    private ModelOptions ThrowIfUnknown() => _model ?? throw new ModelNotFoundException(ModelId);
}
