using Microsoft.Extensions.Options;
using Orleans.Inference.OpenAiProtocol.Errors;
using Orleans.Inference.Simulator.Errors;
using Orleans.Inference.Simulator.Json;

namespace Orleans.Inference.Simulator.Faults;

/// <summary><c>GET /props</c>, as llama.cpp's server has it, while the Simulator plays one (<see cref="FaultOptions.ServingThreads"/>).</summary>
internal static class PropsApi
{
    public static IEndpointRouteBuilder MapProps(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/props", (IOptions<FaultOptions> faults) =>
            // llama.cpp's server runs its slots' count plus two threads; vLLM and the Simulator otherwise have no /props.
            faults.Value.ServingThreads > 2
                ? Results.Json(new PropsResponse(faults.Value.ServingThreads - 2), SimulatorJson.Context.PropsResponse)
                : ApiErrors.Of(StatusCodes.Status404NotFound, OpenAiErrors.Invalid(
                    "This server has no /props: it plays llama.cpp's server only with ServingThreads.", null, "not_found")))
            .WithName("GetProps")
            .WithSummary("llama.cpp's server properties: total_slots, when serving connections on a fixed number of threads");
        return routes;
    }
}
