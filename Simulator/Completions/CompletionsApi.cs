using Orleans.Inference.Generation;
using Orleans.Inference.OpenAiProtocol.Json;
using Orleans.Inference.Simulator.Errors;
using Orleans.Inference.Simulator.Requests;

namespace Orleans.Inference.Simulator.Completions;

/// <summary><c>POST /v1/completions</c>: one request is one engine batch, one sequence per prompt.</summary>
internal static class CompletionsApi
{
    public static IEndpointRouteBuilder MapCompletions(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup("/v1").MapPost("/completions", CreateAsync)
            .WithName("CreateCompletion")
            .WithSummary("Completes a prompt, or an array of prompts in one batch, with simulated pseudo-text");
        return routes;
    }

    private static async Task<IResult> CreateAsync(HttpContext http, GenerationGate gate)
    {
        var (body, error) = await JsonBody.ReadAsync(http.Request, OpenAiJson.Context.CompletionRequest);
        if (body is null) return error!;
        if (body.Prompt is not { Values.Length: > 0 } prompt)
            return ApiErrors.Invalid("'prompt' is required: a string or a non-empty array of strings.", "prompt");
        var (generation, refused) = await gate.AdmitAsync(http, body, (body.MaxTokens, "max_tokens"));
        if (generation is null) return refused!;

        var requests = Array.ConvertAll(prompt.Values, text => new InferenceRequest(text, generation.Sampling));
        return await generation.RespondAsync(requests, new CompletionShape(body.Model!, generation.Created));
    }
}
