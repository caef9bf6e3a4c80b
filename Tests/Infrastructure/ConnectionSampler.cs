namespace Orleans.Inference.Tests.Infrastructure;

/// <summary>Samples a server's open connections while a run goes on: the most seen at once.</summary>
public static class ConnectionSampler
{
    /// <summary>Reads <paramref name="openConnections"/> every 20 ms until <paramref name="stop"/>; the highest reading.</summary>
    public static async Task<long> PeakAsync(Func<Task<long>> openConnections, CancellationToken stop)
    {
        long peak = 0;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                peak = Math.Max(peak, await openConnections());
                await Task.Delay(20, stop);
            }
        }
        catch (OperationCanceledException)
        {
            // Sampling ends with the run.
        }

        return peak;
    }
}
