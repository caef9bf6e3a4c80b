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
using Orleans.Inference.OpenAiProtocol.Completions;
using Orleans.Inference.OpenAiProtocol.Json;
using Orleans.Inference.OpenAiProtocol.Requests;
using Orleans.Inference.OpenAiProtocol.Responses;

namespace Orleans.Inference.ApiHost.Completions;

/// <summary><c>POST /v1/completions</c>.</summary>
public static class CompletionsApi
{
    public static IEndpointRouteBuilder MapCompletions(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup("/v1").WithTags("Completions").RequireGatewayAccess(GatewayAccess.Inference)
            .MapPost("/completions", CreateAsync)
            .WithName("CreateCompletion")
            .WithSummary("Creates a completion for a prompt, or one per prompt of an array")
            .WithDescription(
                "OpenAI-compatible. With \"stream\": true the response is Server-Sent Events: one text_completion chunk " +
                "per batch of new tokens, then data: [DONE]. Simulated models return deterministic pseudo-text, not a real model's output.")
            .Accepts<CompletionRequest>("application/json")
            .Produces<CompletionResponse>(StatusCodes.Status200OK, "application/json", "text/event-stream")
            .ProducesGenerationErrors();
        return routes;
    }

    internal static async Task<IResult> CreateAsync(
        HttpContext http, IGrainFactory grains, ITokenTransport transport, IModelCatalog catalog, TimeProvider time, IOptions<LimitsOptions> limits,
        QuotaLedger quotas)
    {
        var (body, error) = await JsonBody.ReadAsync(http.Request, OpenAiJson.Context.CompletionRequest, limits.Value.MaxRequestBodyBytes);
        if (body is null) return error!;
        if (string.IsNullOrEmpty(body.Model)) return ApiErrors.Invalid("'model' is required.", "model");
        if (body.Prompt is null) return ApiErrors.Invalid("'prompt' is required.", "prompt");
        if (body.Prompt.Values.Length == 0) return ApiErrors.Invalid("'prompt' must not be an empty array.", "prompt");
        if (body.Prompt.Values.Length > limits.Value.MaxPromptsPerRequest)
            return ApiErrors.ArrayTooLong("prompt", limits.Value.MaxPromptsPerRequest, body.Prompt.Values.Length);
        if (await catalog.FindAsync(body.Model) is not { } model) return ApiErrors.ModelNotFound(body.Model);
        var tenant = RequestTenants.Of(http, body.User);
        var generation = http.Features.Get<GenerationRequestFeature>();
        generation?.Identify(body.Model, tenant);
        // More prompts than the model's queue holds would get 429 forever: retrying cannot help, so it is the client's error.
        if (body.Prompt.Values.Length > model.Batching.MaxQueueLength)
            return ApiErrors.ArrayTooLong("prompt", model.Batching.MaxQueueLength, body.Prompt.Values.Length);

        var invalid = SamplingValidation.TryCreate(body, (body.MaxTokens, "max_tokens"), model.TokenLimits(), out var sampling);
        if (invalid is not null) return ApiErrors.BadRequest(invalid);

        var requestId = http.TraceIdentifier;
        var requests = Array.ConvertAll(body.Prompt.Values, prompt => new InferenceRequest(prompt, sampling, User: body.User, RequestId: requestId, Tenant: tenant));
        if (await quotas.AdmitAsync(http, body.Prompt.Values, sampling.MaxTokens) is { } overQuota) return overQuota;
        var aborted = http.RequestAborted;
        if (body.Stream)
        {
            var chunks = StreamChunks(transport, body.Model, requests, body.StreamOptions?.IncludeUsage == true, time, generation, aborted);
            return await EventStreamResult<CompletionResponse>.StartAsync(chunks, OpenAiJson.Context.CompletionResponse, http);
        }

        var results = await CompleteAllAsync(grains, body.Model, requests, aborted);
        generation?.Used(results.Sum(result => (long)result.Usage.TotalTokens));
        var response = CompletionResponse.From(ResponseIds.Completion(), time.UnixNow(), body.Model, results);
        return TypedResults.Json(response, OpenAiJson.Context.CompletionResponse);
    }

    private static Task<InferenceResult[]> CompleteAllAsync(
        IGrainFactory grains, string model, InferenceRequest[] requests, CancellationToken cancellationToken)
    {
        // All prompts go to the batch grain at once, so they can share a batch.
        var calls = new Task<InferenceResult>[requests.Length];
        for (var i = 0; i < requests.Length; i++) calls[i] = grains.CompleteAsync(model, requests[i], cancellationToken);
        return Task.WhenAll(calls);
    }

    private static async IAsyncEnumerable<CompletionResponse> StreamChunks(
        ITokenTransport transport, string model, InferenceRequest[] requests, bool includeUsage, TimeProvider time,
        GenerationRequestFeature? generation, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var id = ResponseIds.Completion();
        var created = time.UnixNow();
        var usages = new List<TokenUsage>(requests.Length);
        await foreach (var (index, chunk) in transport.StreamAsync(model, requests, cancellationToken))
        {
            if (chunk.Usage is not null) usages.Add(chunk.Usage);
            if (chunk.Text.Length == 0 && !chunk.IsFinal) continue;
            yield return CompletionResponse.Chunk(id, created, model, index, chunk.Text, chunk.FinishReason.ToOpenAi());
        }

        generation?.Used(usages.Sum(usage => (long)usage.TotalTokens));
        if (includeUsage) yield return CompletionResponse.Summary(id, created, model, Usage.Sum(usages));
    }
}
