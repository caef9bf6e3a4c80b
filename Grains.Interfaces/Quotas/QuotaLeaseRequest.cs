namespace Orleans.Inference.Quotas;

/// <summary>
/// A gateway host asks for a slice of a key's budget, and gives back what it did not use of its last one.
/// </summary>
/// <param name="Limits">The key's limits as the host has them configured (the latest asker's win).</param>
/// <param name="Requests">Requests it wants to be able to start.</param>
/// <param name="Tokens">Tokens it wants to be able to use.</param>
/// <param name="ReturnedMinute">The minute (Unix minutes) of the slice it gives back; 0 for none.</param>
/// <param name="ReturnedRequests">Requests of that slice it did not use.</param>
/// <param name="ReturnedTokens">Tokens of that slice it did not use.</param>
[GenerateSerializer, Immutable, Alias("quotas.lease-request")]
public sealed record QuotaLeaseRequest(
    [property: Id(0)] QuotaLimits Limits,
    [property: Id(1)] int Requests,
    [property: Id(2)] long Tokens,
    [property: Id(3)] long ReturnedMinute = 0,
    [property: Id(4)] int ReturnedRequests = 0,
    [property: Id(5)] long ReturnedTokens = 0);
