namespace Orleans.Inference.Generation;

/// <summary>One sequence to generate: a prompt and how to sample it.</summary>
/// <param name="Prompt">The text the model continues. For chat requests, the rendered conversation.</param>
/// <param name="Sampling">Sampling and stopping parameters.</param>
/// <param name="Messages">The original chat messages, for backends that take them as they are; null for plain completions.</param>
/// <param name="User">The end user's id, as the client sent it.</param>
/// <param name="RequestId">
/// The caller's request id (the ApiHost's <c>x-request-id</c>), for logs and the backend; null when the caller has none.
/// </param>
/// <param name="Tenant">Whose request it is, for the model queue's fair share; null for <see cref="Generation.Tenant.Shared"/>.</param>
[GenerateSerializer, Immutable, Alias("generation.request")]
public sealed record InferenceRequest(
    [property: Id(0)] string Prompt,
    [property: Id(1)] SamplingParameters Sampling,
    [property: Id(2)] ChatMessage[]? Messages = null,
    [property: Id(3)] string? User = null,
    [property: Id(4)] string? RequestId = null,
    [property: Id(5)] Tenant? Tenant = null);
