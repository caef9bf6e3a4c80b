namespace Orleans.Inference.ApiHost.Quotas;

/// <summary>Why a request was refused, and how long until the quota it would pass is granted again.</summary>
internal sealed record QuotaRefusal(QuotaShortfall Shortfall, TimeSpan RetryAfter);
