using Microsoft.Extensions.Logging;

namespace Orleans.Inference.Models;

/// <summary>
/// Once the silo is active, activates every catalog model's grain: each one then loads if its persisted desired state
/// (or, never asked, its LoadOnStart) says so. This is how a restarted cluster reloads what was loaded. It does so again
/// whenever membership declares a silo dead: the [KeepAlive] model grains that lived there come back only when called,
/// so this call reactivates them on a live silo, where those meant to be loaded load again.
/// </summary>
internal sealed partial class StartupModelLoader(
    IGrainFactory grains, IModelCatalog catalog, IClusterMembershipService membership, ILogger<StartupModelLoader> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);
    private const int Attempts = 5;

    private readonly CancellationTokenSource _stopping = new();
    private Task _watching = Task.CompletedTask;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(StartupModelLoader), ServiceLifecycleStage.Active, StartAsync, StopAsync);

    private async Task StartAsync(CancellationToken cancellationToken)
    {
        _watching = Task.Run(() => WatchAsync(_stopping.Token), CancellationToken.None);
        await TouchAllAsync(_stopping.Token);
    }

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _watching.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task WatchAsync(CancellationToken cancellationToken)
    {
        var dead = new HashSet<SiloAddress>();
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(cancellationToken))
            {
                var died = snapshot.Members.Values.Where(m => m.Status == SiloStatus.Dead && dead.Add(m.SiloAddress)).ToList();
                if (died.Count == 0) continue;
                LogSiloDied(logger, string.Join(", ", died.Select(m => m.SiloAddress)));
                await TouchAllAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The silo is stopping.
        }
    }

    private async Task TouchAllAsync(CancellationToken cancellationToken)
    {
        var models = await catalog.ListAsync();
        await Task.WhenAll(models.Select(model => TouchAsync(model.Key, cancellationToken)));
    }

    /// <summary>A status query activates the grain; right after a death its directory entry may still name the dead silo, so retry.</summary>
    private async Task TouchAsync(string modelId, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await grains.GetGrain<IModelGrain>(modelId).GetStatusAsync();
                return;
            }
            catch (Exception error) when (attempt < Attempts && !cancellationToken.IsCancellationRequested)
            {
                LogTouchRetry(logger, error, modelId, attempt);
                await Task.Delay(RetryDelay, cancellationToken);
            }
        }
    }

    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning, Message = "Silo(s) {Silos} declared dead; activating every model so those meant to be loaded reload on a live silo")]
    private static partial void LogSiloDied(ILogger logger, string silos);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "Model {ModelId}: activation attempt {Attempt} failed; retrying")]
    private static partial void LogTouchRetry(ILogger logger, Exception error, string modelId, int attempt);
}
