using Orleans.Inference.ApiHost.Auth;
using Orleans.Inference.ApiHost.Errors;
using Orleans.Inference.ApiHost.Json;
using Orleans.Inference.Backends;
using Orleans.Inference.Models;
using Orleans.Inference.OpenAiProtocol.Errors;
using Orleans.Inference.OpenAiProtocol.Responses;

namespace Orleans.Inference.ApiHost.Catalog;

/// <summary><c>GET /v1/models</c> and <c>GET /v1/models/{id}</c>.</summary>
public static class ModelsApi
{
    private static readonly long StartedAt = new DateTimeOffset(System.Diagnostics.Process.GetCurrentProcess().StartTime).ToUnixTimeSeconds();

    public static IEndpointRouteBuilder MapModels(this IEndpointRouteBuilder routes)
    {
        var models = routes.MapGroup("/v1/models").WithTags("Models").RequireGatewayAccess(GatewayAccess.Inference);
        models.MapGet("/", ListAsync)
            .WithName("ListModels")
            .WithSummary("Lists the catalog's models with their lifecycle state")
            .WithDescription("OpenAI's list shape. Simulated models say owned_by \"simulator\" and \"simulated\": true.")
            .Produces<ModelList<GatewayModelObject>>();
        models.MapGet("/{*id}", GetAsync)
            .WithName("RetrieveModel")
            .WithSummary("Describes one model")
            .Produces<GatewayModelObject>()
            .Produces<OpenAiErrorResponse>(StatusCodes.Status404NotFound);
        return routes;
    }

    internal static async Task<IResult> ListAsync(IGrainFactory grains, IModelCatalog catalog)
    {
        var models = await Task.WhenAll((await catalog.ListAsync()).Select(entry => DescribeAsync(grains, entry.Key, entry.Value)));
        return TypedResults.Json(new ModelList<GatewayModelObject>(models), GatewayJson.Context.ModelListGatewayModelObject);
    }

    internal static async Task<IResult> GetAsync(string id, IGrainFactory grains, IModelCatalog catalog)
    {
        if (await catalog.FindAsync(id) is not { } model) return ApiErrors.ModelNotFound(id);
        return TypedResults.Json(await DescribeAsync(grains, id, model), GatewayJson.Context.GatewayModelObject);
    }

    private static async Task<GatewayModelObject> DescribeAsync(IGrainFactory grains, string id, ModelOptions model)
    {
        var status = await grains.GetGrain<IModelGrain>(id).GetStatusAsync();
        // A model served over HTTP by the Simulator is configured with owned_by "simulator": it is simulated too.
        var simulated = model.Backend == BackendKind.Simulated || model.OwnedBy == "simulator";
        var ownedBy = simulated ? "simulator" : model.OwnedBy ?? "orleans-inference";
        return new GatewayModelObject(id, StartedAt, ownedBy, simulated, status.State.ToString(), status.Progress);
    }
}
