using Orleans.Inference.Generation;
using Orleans.Inference.OpenAiProtocol.Chat;
using Orleans.Inference.OpenAiProtocol.Json;
using Orleans.Inference.Simulator.Errors;
using Orleans.Inference.Simulator.Requests;

namespace Orleans.Inference.Simulator.Chat;

/// <summary><c>POST /v1/chat/completions</c>: the conversation, rendered, is a batch of one.</summary>
internal static class ChatApi
{
    public static IEndpointRouteBuilder MapChat(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup("/v1").MapPost("/chat/completions", CreateAsync)
            .WithName("CreateChatCompletion")
            .WithSummary("Replies to a conversation with simulated pseudo-text");
        return routes;
    }

    private static async Task<IResult> CreateAsync(HttpContext http, GenerationGate gate)
    {
        var (body, error) = await JsonBody.ReadAsync(http.Request, OpenAiJson.Context.ChatCompletionRequest);
        if (body is null) return error!;
        // vLLM takes tool results; the simulation renders them as any other message.
        if (ChatPrompt.TryRender(body.Messages, int.MaxValue, acceptToolMessages: true, out _, out var prompt) is { } invalid) return ApiErrors.Invalid(invalid);
        var (generation, refused) = await gate.AdmitAsync(http, body, body.TokenLimit());
        if (generation is null) return refused!;

        return await generation.RespondAsync([new InferenceRequest(prompt, generation.Sampling)], new ChatShape(body.Model!, generation.Created));
    }
}
