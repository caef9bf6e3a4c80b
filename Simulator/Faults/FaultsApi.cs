using Microsoft.Extensions.Options;
using Orleans.Inference.Simulator.Errors;
using Orleans.Inference.Simulator.Json;

namespace Orleans.Inference.Simulator.Faults;

/// <summary><c>GET</c> and <c>PUT /admin/faults</c>: fault injection while the server runs.</summary>
internal static class FaultsApi
{
    public static IEndpointRouteBuilder MapFaults(this IEndpointRouteBuilder routes)
    {
        var faults = routes.MapGroup("/admin/faults");
        faults.MapGet("/", (FaultInjector injector) => TypedResults.Json(injector.Current, SimulatorJson.Context.FaultOptions))
            .WithName("GetFaults")
            .WithSummary("The fault injection in force");
        faults.MapPut("/", SetAsync)
            .WithName("SetFaults")
            .WithSummary("Replaces the fault injection; fields left out take their defaults (off)");
        return routes;
    }

    private static async Task<IResult> SetAsync(HttpContext http, FaultInjector injector, IValidateOptions<FaultOptions> validator)
    {
        var (faults, error) = await JsonBody.ReadAsync(http.Request, SimulatorJson.Context.FaultOptions);
        if (faults is null) return error!;
        var validation = validator.Validate(null, faults);
        if (validation.Failed) return ApiErrors.Invalid(validation.FailureMessage, null);

        injector.Set(faults);
        return TypedResults.Json(faults, SimulatorJson.Context.FaultOptions);
    }
}
