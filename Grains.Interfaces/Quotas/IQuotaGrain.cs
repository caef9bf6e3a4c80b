namespace Orleans.Inference.Quotas;

/// <summary>
/// One API key's quotas across the cluster, keyed by the key's name (never the key). Hosts lease slices of the budget and
/// spend them locally, so a request makes no grain call until its host's slice runs out; what a host holds lapses with
/// its minute, so a host that dies with a slice costs the key at most that slice, for at most a minute. The counts are
/// persisted (Redis in cluster mode): the quota holds when the grain's silo dies.
/// </summary>
[Alias("quotas.quota-grain")]
public interface IQuotaGrain : IGrainWithStringKey
{
    /// <summary>Grants up to what <paramref name="request"/> asks of this minute's (and day's) budget, after taking back what it returns.</summary>
    [Alias("LeaseAsync")]
    Task<QuotaLease> LeaseAsync(QuotaLeaseRequest request);
}
