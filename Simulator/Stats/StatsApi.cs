using Orleans.Inference.Simulator.Json;

namespace Orleans.Inference.Simulator.Stats;

/// <summary><c>GET /stats</c>.</summary>
internal static class StatsApi
{
    public static IEndpointRouteBuilder MapStats(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/stats", (SimulatorStats stats) => TypedResults.Json(stats.Snapshot(), SimulatorJson.Context.StatsResponse))
            .WithName("GetStats")
            .WithSummary("Counters since start: connections, requests, batches, sequences, injected faults");
        return routes;
    }
}
