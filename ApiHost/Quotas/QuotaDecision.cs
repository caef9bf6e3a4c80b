namespace Orleans.Inference.ApiHost.Quotas;

/// <summary>
/// A request's admission against its key's quotas: refused (with why), or admitted with <paramref name="Tokens"/> reserved
/// in <paramref name="Minute"/>, to be settled from its usage when it ends.
/// </summary>
internal sealed record QuotaDecision(KeyQuota Quota, bool Admitted, long Minute, long Tokens, QuotaHeaders Headers, QuotaRefusal? Refusal)
{
    /// <summary>Gives back what the request did not use of its reservation (or takes what it used past it).</summary>
    public void Settle(long used) => Quota.Settle(Minute, Tokens, used);
}
