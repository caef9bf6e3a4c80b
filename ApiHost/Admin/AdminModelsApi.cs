using Microsoft.Extensions.Options;
using Orleans.Inference.ApiHost.Auth;
using Orleans.Inference.ApiHost.Errors;
using Orleans.Inference.ApiHost.Json;
using Orleans.Inference.ApiHost.Requests;
using Orleans.Inference.Client;
using Orleans.Inference.Models;
using Orleans.Inference.OpenAiProtocol.Errors;

namespace Orleans.Inference.ApiHost.Admin;

/// <summary>Model management under <c>/admin/models</c>: status, load, unload, registration and load events.</summary>
public static class AdminModelsApi
{
    public static IServiceCollection AddAdminModels(this IServiceCollection services)
    {
        services.AddOptions<ModelEventsOptions>().BindConfiguration(ModelEventsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        return services;
    }

    public static IEndpointRouteBuilder MapAdminModels(this IEndpointRouteBuilder routes)
    {
        var admin = routes.MapGroup("/admin/models").WithTags("Admin").RequireGatewayAccess(GatewayAccess.Admin);
        admin.MapGet("/", ListAsync).WithName("AdminListModels")
            .WithSummary("Lists every catalog model with state, progress, stage, error, loaded-at, last-used and in-flight requests")
            .Produces<AdminModelList>();
        admin.MapPost("/", RegisterAsync).WithName("AdminRegisterModel")
            .WithSummary("Registers a new model at run time; it persists like the desired state")
            .Accepts<RegisterModelRequest>("application/json")
            .Produces<AdminModelStatus>(StatusCodes.Status201Created)
            .Produces<OpenAiErrorResponse>(StatusCodes.Status400BadRequest)
            .Produces<OpenAiErrorResponse>(StatusCodes.Status409Conflict)
            .Produces<OpenAiErrorResponse>(StatusCodes.Status413PayloadTooLarge);
        admin.MapGet("/{id}", GetAsync).WithName("AdminGetModel")
            .WithSummary("One model's status")
            .Produces<AdminModelStatus>().Produces<OpenAiErrorResponse>(StatusCodes.Status404NotFound);
        admin.MapPost("/{id}/load", LoadAsync).WithName("AdminLoadModel")
            .WithSummary("Starts loading a model: 202 with Location at once, whatever the load takes; 200 if already ready")
            .Produces<AdminModelStatus>().Produces<AdminModelStatus>(StatusCodes.Status202Accepted)
            .Produces<OpenAiErrorResponse>(StatusCodes.Status404NotFound);
        admin.MapPost("/{id}/unload", UnloadAsync).WithName("AdminUnloadModel")
            .WithSummary("Starts unloading a model: in-flight requests finish, new ones get 503")
            .Produces<AdminModelStatus>(StatusCodes.Status202Accepted)
            .Produces<OpenAiErrorResponse>(StatusCodes.Status404NotFound);
        admin.MapGet("/{id}/events", Events).WithName("AdminModelEvents")
            .WithSummary("Watches the model: Server-Sent Events (event: status) of its status now, then of every change, until the "
                + "client leaves (a comment line keeps a quiet watch open); with ?until=settled, only until it is Unloaded, Ready or Failed")
            .Produces<AdminModelStatus>(StatusCodes.Status200OK, "text/event-stream")
            .Produces<OpenAiErrorResponse>(StatusCodes.Status400BadRequest)
            .Produces<OpenAiErrorResponse>(StatusCodes.Status404NotFound);
        return routes;
    }

    internal static async Task<IResult> ListAsync(IGrainFactory grains, IModelCatalog catalog)
    {
        var models = await catalog.ListAsync();
        var statuses = await Task.WhenAll(models.Select(async entry =>
            AdminModelStatus.From(await grains.GetGrain<IModelGrain>(entry.Key).GetStatusAsync(), entry.Value)));
        return TypedResults.Json(new AdminModelList(statuses), GatewayJson.Context.AdminModelList);
    }

    internal static async Task<IResult> GetAsync(string id, IGrainFactory grains, IModelCatalog catalog)
    {
        if (await catalog.FindAsync(id) is not { } model) return ApiErrors.ModelNotFound(id);
        var status = await grains.GetGrain<IModelGrain>(id).GetStatusAsync();
        return TypedResults.Json(AdminModelStatus.From(status, model), GatewayJson.Context.AdminModelStatus);
    }

    internal static async Task<IResult> LoadAsync(string id, IGrainFactory grains, IModelCatalog catalog)
    {
        if (await catalog.FindAsync(id) is not { } model) return ApiErrors.ModelNotFound(id);
        var status = AdminModelStatus.From(await grains.GetGrain<IModelGrain>(id).LoadAsync(), model);
        return status.State == nameof(ModelState.Ready)
            ? TypedResults.Json(status, GatewayJson.Context.AdminModelStatus)
            : Accepted(id, status);
    }

    internal static async Task<IResult> UnloadAsync(string id, IGrainFactory grains, IModelCatalog catalog)
    {
        if (await catalog.FindAsync(id) is not { } model) return ApiErrors.ModelNotFound(id);
        return Accepted(id, AdminModelStatus.From(await grains.GetGrain<IModelGrain>(id).UnloadAsync(), model));
    }

    internal static async Task<IResult> RegisterAsync(HttpContext http, IGrainFactory grains, IModelCatalog catalog, IOptions<LimitsOptions> limits)
    {
        var (body, error) = await JsonBody.ReadAsync(http.Request, GatewayJson.Context.RegisterModelRequest, limits.Value.MaxRequestBodyBytes);
        if (body is null) return error!;
        if (string.IsNullOrWhiteSpace(body.Id)) return ApiErrors.Invalid("'id' is required.", "id");
        var (problem, param, model) = body.ToOptions();
        if (problem is not null) return ApiErrors.Invalid(problem, param);

        await grains.GetGrain<ICatalogGrain>(ICatalogGrain.Key).RegisterAsync(body.Id, model);
        var status = AdminModelStatus.From(await grains.GetGrain<IModelGrain>(body.Id).GetStatusAsync(), model);
        return TypedResults.Json(status, GatewayJson.Context.AdminModelStatus, statusCode: StatusCodes.Status201Created);
    }

    internal static async Task<IResult> Events(
        string id, string? until, IGrainFactory grains, IModelCatalog catalog, IOptions<ModelEventsOptions> options)
    {
        if (await catalog.FindAsync(id) is not { } model) return ApiErrors.ModelNotFound(id);
        if (until is not (null or "settled")) return ApiErrors.Invalid($"'until' can only be 'settled', not '{until}'.", "until");
        return new ModelEventsResult(grains.WatchModelAsync(id), model, untilSettled: until is not null, options.Value.KeepAliveInterval);
    }

    private static IResult Accepted(string id, AdminModelStatus status) =>
        TypedResults.Accepted($"/admin/models/{Uri.EscapeDataString(id)}", status);
}
