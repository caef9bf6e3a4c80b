namespace Orleans.Inference.Bench.Load;

/// <summary>The largest value a reading takes while a run goes on, sampled at a fixed period (a server's working set, an upstream's open connections).</summary>
internal static class PeakSampler
{
    /// <summary>Reads every <paramref name="period"/> until <paramref name="stop"/>; null when no reading had a value.</summary>
    public static async Task<long?> SampleAsync(Func<ValueTask<long?>> read, TimeSpan period, CancellationToken stop)
    {
        long? peak = null;
        using var timer = new PeriodicTimer(period);
        try
        {
            do
            {
                if (await read() is { } now && now > (peak ?? long.MinValue)) peak = now;
            }
            while (await timer.WaitForNextTickAsync(stop));
        }
        catch (OperationCanceledException)
        {
            // The run is over.
        }

        return peak;
    }
}
