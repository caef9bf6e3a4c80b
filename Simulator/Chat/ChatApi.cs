using Orleans.Inference.Generation;
using Orleans.Inference.Simulator.Errors;
using Orleans.Inference.Simulator.Json;
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
        var (body, error) = await JsonBody.ReadAsync(http.Request, SimulatorJson.Context.ChatRequest);
        if (body is null) return error!;
        if (ChatPrompt.TryRender(body.Messages, out var prompt) is { } invalid) return invalid;
        var maxTokens = body.MaxCompletionTokens is not null ? (body.MaxCompletionTokens, "max_completion_tokens") : (body.MaxTokens, "max_tokens");
        var (generation, refused) = await gate.AdmitAsync(http, body, maxTokens);
        if (generation is null) return refused!;

        return await generation.RespondAsync([new InferenceRequest(prompt, generation.Sampling)], new ChatShape(body.Model!, generation.Created));
    }
}
