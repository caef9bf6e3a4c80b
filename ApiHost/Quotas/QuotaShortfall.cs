namespace Orleans.Inference.ApiHost.Quotas;

/// <summary>Which of a key's quotas a request would pass.</summary>
internal enum QuotaShortfall
{
    Requests,
    Tokens,
}
