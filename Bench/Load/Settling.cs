using Orleans.Inference.Bench.Targets;

namespace Orleans.Inference.Bench.Load;

/// <summary>
/// Warms a server on until its JIT has settled. Tiered compilation keeps recompiling a busy server's hot methods for
/// 10 to 15 s of load on this 2-core machine (up to half a core of JIT time), and the tiering waits whenever new
/// methods appear; a run measured in that time read a third of the throughput of the same server settled.
/// </summary>
internal static class Settling
{
    /// <summary>JIT seconds per second of load below which a server counts as settled.</summary>
    private const double SettledShare = 0.02;

    private static readonly TimeSpan Slice = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Sends <paramref name="load"/> in 2 s slices until a slice costs the server less than 2 % of its time in the JIT, for at
    /// most <paramref name="limit"/>. Returns how long it warmed; zero for a server that does not report its JIT time.
    /// </summary>
    public static async Task<TimeSpan> SettleAsync(
        LoadGenerator generator, LoadOptions load, ServerProcess server, HttpClient http, TimeSpan limit, IProgress<double>? progress)
    {
        var warmed = TimeSpan.Zero;
        if (limit <= TimeSpan.Zero || await server.JitSecondsAsync(http) is not { } before) return warmed;
        while (warmed < limit)
        {
            await generator.RunAsync(load with { Duration = Slice, Warmup = TimeSpan.Zero }, progress, CancellationToken.None);
            warmed += Slice;
            var after = await server.JitSecondsAsync(http) ?? before;
            if (after - before < Slice.TotalSeconds * SettledShare) break;
            before = after;
        }

        return warmed;
    }
}
