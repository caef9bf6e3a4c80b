using Orleans.Inference.Client;
using Orleans.Inference.Models;

namespace Orleans.Inference.Tests.Infrastructure;

/// <summary>Follows a model's status through the typed client until a condition holds: a barrier, not a sleep.</summary>
public static class StatusWatch
{
    /// <summary>Collects every status from now until one matches <paramref name="until"/> (inclusive).</summary>
    public static async Task<List<ModelStatus>> UntilAsync(
        IGrainFactory grains, string modelId, Func<ModelStatus, bool> until, TimeSpan? within = null)
    {
        using var timeout = new CancellationTokenSource(within ?? TimeSpan.FromSeconds(20));
        var seen = new List<ModelStatus>();
        await foreach (var status in grains.WatchModelAsync(modelId, timeout.Token))
        {
            seen.Add(status);
            if (until(status)) return seen;
        }

        throw new InvalidOperationException("The watch ended early.");
    }

    public static Task<List<ModelStatus>> UntilStateAsync(IGrainFactory grains, string modelId, ModelState state, TimeSpan? within = null) =>
        UntilAsync(grains, modelId, s => s.State == state, within);
}
