namespace Orleans.Inference.Tests.Infrastructure;

/// <summary>A Simulator's fault injection, as <c>PUT /admin/faults</c> takes it; the defaults turn every fault off.</summary>
public sealed record SimulatorFaults(
    double ErrorRate = 0,
    int ErrorStatus = 500,
    int RetryAfterSeconds = 1,
    int AddedLatencyMs = 0,
    int DropAfterTokens = 0,
    int? Seed = null,
    int StallAfterTokens = 0,
    bool CloseAfterStream = false,
    int KeepAliveMaxRequests = 0);
