using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using Orleans.Inference.ApiHost.Auth;
using Orleans.Inference.ApiHost.Errors;
using Orleans.Inference.ApiHost.Hosting;
using Orleans.Inference.ApiHost.Quotas;
using Orleans.Inference.ApiHost.Requests;
using Orleans.Inference.ApiHost.Streaming;
using Orleans.Inference.Client;
using Orleans.Inference.Generation;
using Orleans.Inference.Models;
using Orleans.Inference.OpenAiProtocol.Chat;
using Orleans.Inference.OpenAiProtocol.Json;
using Orleans.Inference.OpenAiProtocol.Requests;
using Orleans.Inference.OpenAiProtocol.Responses;

namespace Orleans.Inference.ApiHost.ChatCompletions;

/// <summary><c>POST /v1/chat/completions</c>.</summary>
public static class ChatCompletionsApi
{
    public static IEndpointRouteBuilder MapChatCompletions(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup("/v1").WithTags("Chat").RequireGatewayAccess(GatewayAccess.Inference)
            .MapPost("/chat/completions", CreateAsync)
            .WithName("CreateChatCompletion")
            .WithSummary("Creates the assistant's reply to a conversation")
            .WithDescription(
                "OpenAI-compatible. With \"stream\": true the response is Server-Sent Events of chat.completion.chunk: " +
                "the role first, then content deltas, then finish_reason, then data: [DONE]. Simulated models reply with pseudo-text.")
            .Accepts<ChatCompletionRequest>("application/json")
            .Produces<ChatCompletionResponse>(StatusCodes.Status200OK, "application/json")
            .Produces<ChatCompletionChunk>(StatusCodes.Status200OK, "text/event-stream")
            .ProducesGenerationErrors();
        return routes;
    }

    internal static async Task<IResult> CreateAsync(
        HttpContext http, IGrainFactory grains, ITokenTransport transport, IModelCatalog catalog, TimeProvider time, IOptions<LimitsOptions> limits,
        QuotaLedger quotas)
    {
        var (body, error) = await JsonBody.ReadAsync(http.Request, OpenAiJson.Context.ChatCompletionRequest, limits.Value.MaxRequestBodyBytes);
        if (body is null) return error!;
        if (string.IsNullOrEmpty(body.Model)) return ApiErrors.Invalid("'model' is required.", "model");
        var invalid = ChatPrompt.TryRender(body.Messages, limits.Value.MaxMessagesPerRequest, acceptToolMessages: false, out var messages, out var prompt);
        if (invalid is not null) return ApiErrors.BadRequest(invalid);
        if (await catalog.FindAsync(body.Model) is not { } model) return ApiErrors.ModelNotFound(body.Model);
        var tenant = RequestTenants.Of(http, body.User);
        var generation = http.Features.Get<GenerationRequestFeature>();
        generation?.Identify(body.Model, tenant);

        invalid = SamplingValidation.TryCreate(body, body.TokenLimit(), model.TokenLimits(), out var sampling);
        if (invalid is not null) return ApiErrors.BadRequest(invalid);

        var request = new InferenceRequest(prompt, sampling, messages, body.User, http.TraceIdentifier, tenant);
        if (await quotas.AdmitAsync(http, prompt, sampling.MaxTokens) is { } overQuota) return overQuota;
        if (body.Stream)
        {
            var chunks = StreamChunks(transport, body.Model, request, body.StreamOptions?.IncludeUsage == true, time, generation, http.RequestAborted);
            return await EventStreamResult<ChatCompletionChunk>.StartAsync(chunks, OpenAiJson.Context.ChatCompletionChunk, http);
        }

        var result = await grains.CompleteAsync(body.Model, request, http.RequestAborted);
        generation?.Used(result.Usage.TotalTokens);
        var response = ChatCompletionResponse.From(ResponseIds.ChatCompletion(), time.UnixNow(), body.Model, result);
        return TypedResults.Json(response, OpenAiJson.Context.ChatCompletionResponse);
    }

    private static async IAsyncEnumerable<ChatCompletionChunk> StreamChunks(
        ITokenTransport transport, string model, InferenceRequest request, bool includeUsage, TimeProvider time,
        GenerationRequestFeature? generation, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var id = ResponseIds.ChatCompletion();
        var created = time.UnixNow();
        TokenUsage? usage = null;
        await using var tokens = transport.StreamAsync(model, request, cancellationToken).GetAsyncEnumerator(cancellationToken);

        // The first token is awaited before the role chunk, so a request that cannot start fails with a status, not mid-stream.
        var more = await tokens.MoveNextAsync();
        yield return ChatCompletionChunk.Opening(id, created, model);
        for (; more; more = await tokens.MoveNextAsync())
        {
            var chunk = tokens.Current;
            usage ??= chunk.Usage;
            if (chunk.Text.Length > 0) yield return ChatCompletionChunk.Content(id, created, model, 0, chunk.Text);
            if (chunk.IsFinal) yield return ChatCompletionChunk.Finish(id, created, model, 0, chunk.FinishReason.ToOpenAi()!);
        }

        if (usage is not null) generation?.Used(usage.TotalTokens);
        if (includeUsage && usage is not null)
            yield return ChatCompletionChunk.Summary(id, created, model, Usage.Of(usage));
    }
}
