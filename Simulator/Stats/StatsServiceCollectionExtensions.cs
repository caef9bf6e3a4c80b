using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Orleans.Inference.Simulator.Stats;

/// <summary>The counters behind <c>GET /stats</c>.</summary>
internal static class StatsServiceCollectionExtensions
{
    /// <summary>
    /// Adds the counters, and Kestrel connection middleware that counts TCP connections where they are accepted and
    /// closed: the only place that knows, so tests can see connection reuse and the connections a failover leaves.
    /// </summary>
    public static IServiceCollection AddStats(this IServiceCollection services)
    {
        services.AddSingleton<SimulatorStats>();
        services.Configure<KestrelServerOptions>(kestrel => kestrel.ConfigureEndpointDefaults(listen => listen.Use(next =>
        {
            var stats = listen.ApplicationServices.GetRequiredService<SimulatorStats>();
            return async connection =>
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
            };
        })));
        return services;
    }
}
