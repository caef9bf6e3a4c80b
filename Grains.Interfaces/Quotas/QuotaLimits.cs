namespace Orleans.Inference.Quotas;

/// <summary>
/// One API key's quotas, held across the whole cluster by its <see cref="IQuotaGrain"/>; 0 is no limit. Tokens are
/// prompt plus completion tokens, as OpenAI counts them. Minutes and days are fixed windows of the cluster's clock (UTC).
/// </summary>
/// <param name="RequestsPerMinute">Generation requests the key may start in a minute.</param>
/// <param name="TokensPerMinute">Tokens the key may use in a minute.</param>
/// <param name="TokensPerDay">Tokens the key may use in a day (UTC).</param>
[GenerateSerializer, Immutable, Alias("quotas.limits")]
public sealed record QuotaLimits(
    [property: Id(0)] int RequestsPerMinute = 0,
    [property: Id(1)] long TokensPerMinute = 0,
    [property: Id(2)] long TokensPerDay = 0)
{
    /// <summary>Whether any quota applies.</summary>
    public bool IsLimited => RequestsPerMinute > 0 || TokensPerMinute > 0 || TokensPerDay > 0;
}
