namespace Orleans.Inference.Tests.Infrastructure;

/// <summary>A Simulator's <c>GET /stats</c>: its counters since it started.</summary>
public sealed record SimulatorStats(
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
