using Orleans.Inference.Simulator.Engine;
using Orleans.Inference.Simulator.Json;

namespace Orleans.Inference.Simulator.Stats;

/// <summary><c>GET /stats</c>.</summary>
internal static class StatsApi
{
    public static IEndpointRouteBuilder MapStats(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/stats", (SimulatorStats stats, SimulatedModels models) => TypedResults.Json(
                stats.Snapshot() with
                {
                    CachedPromptTokens = models.All.Sum(model => model.CachedPromptTokens),
                    ComputedPromptTokens = models.All.Sum(model => model.ComputedPromptTokens),
                },
                SimulatorJson.Context.StatsResponse))
            .WithName("GetStats")
            .WithSummary("Counters since start: connections, requests, batches, sequences, injected faults, cached and computed prompt tokens");
        return routes;
    }
}
