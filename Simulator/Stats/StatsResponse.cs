namespace Orleans.Inference.Simulator.Stats;

/// <summary>The body of <c>GET /stats</c>: counters since the server started.</summary>
/// <param name="OpenConnections">TCP connections open now.</param>
/// <param name="ConnectionsTotal">TCP connections accepted since start.</param>
/// <param name="Requests">Generation requests received (completions and chat), whatever their outcome.</param>
/// <param name="Batches">Engine runs: one per generation request that reached the engine.</param>
/// <param name="Sequences">Sequences the engine was given: one per prompt.</param>
/// <param name="SequencesCancelled">Sequences the engine dropped because their client had gone.</param>
/// <param name="ErrorsInjected">Requests answered with an error by fault injection.</param>
/// <param name="ConnectionsDropped">Streams cut off by fault injection (<c>DropAfterTokens</c>).</param>
/// <param name="LastRequestId">The <c>x-request-id</c> header of the latest generation request, if it had one.</param>
/// <param name="CachedPromptTokens">Prompt tokens whose prefill a model's prefix cache saved (<c>PrefixCacheTokens</c>).</param>
/// <param name="ComputedPromptTokens">Prompt tokens the models prefilled.</param>
public sealed record StatsResponse(
    long OpenConnections,
    long ConnectionsTotal,
    long Requests,
    long Batches,
    long Sequences,
    long SequencesCancelled,
    long ErrorsInjected,
    long ConnectionsDropped,
    string? LastRequestId = null,
    long CachedPromptTokens = 0,
    long ComputedPromptTokens = 0);
