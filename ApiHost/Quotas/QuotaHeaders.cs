using System.Globalization;

namespace Orleans.Inference.ApiHost.Quotas;

/// <summary>
/// OpenAI's rate-limit headers (<c>x-ratelimit-limit-requests</c>, <c>-remaining-requests</c>, <c>-reset-requests</c>, and
/// the same three for <c>-tokens</c>); a null limit writes none of its three.
/// </summary>
internal sealed record QuotaHeaders(
    int? RequestLimit, int? RemainingRequests, TimeSpan RequestsReset, long? TokenLimit, long? RemainingTokens, TimeSpan TokensReset)
{
    public void WriteTo(IHeaderDictionary headers)
    {
        if (RequestLimit is { } requests)
        {
            headers["x-ratelimit-limit-requests"] = requests.ToString(CultureInfo.InvariantCulture);
            headers["x-ratelimit-remaining-requests"] = (RemainingRequests ?? requests).ToString(CultureInfo.InvariantCulture);
            headers["x-ratelimit-reset-requests"] = Duration(RequestsReset);
        }

        if (TokenLimit is { } tokens)
        {
            headers["x-ratelimit-limit-tokens"] = tokens.ToString(CultureInfo.InvariantCulture);
            headers["x-ratelimit-remaining-tokens"] = (RemainingTokens ?? tokens).ToString(CultureInfo.InvariantCulture);
            headers["x-ratelimit-reset-tokens"] = Duration(TokensReset);
        }
    }

    /// <summary>As OpenAI writes them: <c>1s</c>, <c>6m0s</c>, <c>2h5m3s</c>, <c>350ms</c>.</summary>
    public static string Duration(TimeSpan span)
    {
        if (span < TimeSpan.FromSeconds(1)) return $"{Math.Max(0, (int)Math.Ceiling(span.TotalMilliseconds))}ms";
        var seconds = (long)Math.Ceiling(span.TotalSeconds);
        var (hours, minutes, rest) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
        return hours > 0 ? $"{hours}h{minutes}m{rest}s" : minutes > 0 ? $"{minutes}m{rest}s" : $"{rest}s";
    }
}
