using Orleans.Inference.OpenAiProtocol.Json;
using Orleans.Inference.OpenAiProtocol.Responses;
using Orleans.Inference.Simulator.Engine;

namespace Orleans.Inference.Simulator.Models;

/// <summary><c>GET /v1/models</c>.</summary>
internal static class ModelsApi
{
    public static IEndpointRouteBuilder MapModels(this IEndpointRouteBuilder routes)
    {
        var created = TimeProvider.System.UnixNow();
        routes.MapGroup("/v1").MapGet("/models", (SimulatedModels models) => TypedResults.Json(
                new ModelList<ModelObject>([.. models.All.Select(engine => new ModelObject(engine.Id, created, "simulator"))]),
                OpenAiJson.Context.ModelListModelObject))
            .WithName("ListModels")
            .WithSummary("Lists the simulated models (owned_by \"simulator\")");
        return routes;
    }
}
