using Microsoft.Extensions.Logging;
using Orleans.Inference.Models;

namespace Orleans.Inference.Batching;

/// <summary>
/// Graceful shutdown (SIGTERM) loses no accepted request: before Orleans deactivates this silo's grains, which would
/// cut off the streams in progress, every model loaded here stops taking requests (callers retry and find it on another
/// silo once its grain has moved) and finishes those it accepted. Runs first on stop, while grain calls still work.
/// </summary>
internal sealed partial class ShutdownDrain(IGrainFactory grains, LoadedModels loaded, ILogger<ShutdownDrain> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(ShutdownDrain), ServiceLifecycleStage.Active, _ => Task.CompletedTask, DrainAsync);

    private async Task DrainAsync(CancellationToken cancellationToken)
    {
        var models = loaded.Ids;
        if (models.Count == 0) return;
        LogDraining(logger, string.Join(", ", models));
        var started = TimeProvider.System.GetTimestamp();
        await Task.WhenAll(models.Select(id => grains.GetGrain<IBatchGrainControl>(id).DrainForShutdownAsync()))
            .WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        LogDrained(logger, TimeProvider.System.GetElapsedTime(started).TotalSeconds);
    }

    [LoggerMessage(EventId = 5003, Level = LogLevel.Information, Message = "Shutting down: draining model(s) {Models}; new requests for them retry on another silo")]
    private static partial void LogDraining(ILogger logger, string models);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Information, Message = "Shutting down: drained in {Seconds:F2} s")]
    private static partial void LogDrained(ILogger logger, double seconds);
}
