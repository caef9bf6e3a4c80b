using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Orleans.Inference.Simulator.Stats;

/// <summary>The counters behind <c>GET /stats</c>.</summary>
internal static class StatsServiceCollectionExtensions
{
    public static IServiceCollection AddStats(this IServiceCollection services) => services.AddSingleton<SimulatorStats>();

    /// <summary>
    /// Counts TCP connections where they are accepted and closed: the only place that knows, so tests can see connection
    /// reuse and the connections a failover leaves.
    /// </summary>
    public static ListenOptions UseConnectionStats(this ListenOptions listen)
    {
        var stats = listen.ApplicationServices.GetRequiredService<SimulatorStats>();
        listen.Use(next => async connection =>
        {
            stats.ConnectionOpened();
            try
            {
                await next(connection);
            }
            finally
            {
                stats.ConnectionClosed();
            }
        });
        return listen;
    }
}
