using System.Globalization;
using Orleans.Inference.ApiHost.Auth;
using Orleans.Inference.ApiHost.Errors;
using Orleans.Inference.ApiHost.Hosting;
using Orleans.Inference.Hosting;
using Orleans.Inference.Quotas;

namespace Orleans.Inference.ApiHost.Quotas;

/// <summary>
/// Admits generation requests against their key's cluster-wide quotas (<see cref="KeyQuota"/>): nothing at all for a
/// request without a key or a key without quotas. An admitted request reserves its prompt (estimated) and
/// <c>max_tokens</c>, and gives back what it did not use once its usage is known (<see cref="GenerationRequestFeature.Used"/>).
/// </summary>
internal sealed class QuotaLedger(IGrainFactory grains, [FromKeyedServices(QuotaTime.Key)] TimeProvider time)
{
    /// <summary>Null when the request may go on (OpenAI's rate-limit headers set); otherwise its 429.</summary>
    public ValueTask<IResult?> AdmitAsync(HttpContext http, string prompt, int maxTokens) =>
        RequestTenants.KeyOf(http)?.Quota is { } quota ? AdmitAsync(http, quota, Reservation(prompt, maxTokens)) : default;

    /// <summary>As for one prompt, with every prompt of a completions request reserved.</summary>
    public ValueTask<IResult?> AdmitAsync(HttpContext http, string[] prompts, int maxTokens)
    {
        if (RequestTenants.KeyOf(http)?.Quota is not { } quota) return default;
        long tokens = 0;
        foreach (var prompt in prompts) tokens += Reservation(prompt, maxTokens);
        return AdmitAsync(http, quota, tokens);
    }

    /// <summary>What a prompt reserves: its tokens, estimated at four characters a token, and its completion's limit.</summary>
    private static long Reservation(string prompt, int maxTokens) => (prompt.Length + 3) / 4 + (long)maxTokens;

    private async ValueTask<IResult?> AdmitAsync(HttpContext http, KeyQuota quota, long tokens)
    {
        var decision = await quota.AdmitAsync(tokens, grains.GetGrain<IQuotaGrain>(quota.Name), time.GetUtcNow(), http.RequestAborted);
        decision.Headers.WriteTo(http.Response.Headers);
        if (decision.Refusal is { } refusal)
        {
            OpenAiExceptionHandler.SetRetryAfter(http, refusal.RetryAfter);
            return Refused(quota, refusal);
        }

        http.Features.Get<GenerationRequestFeature>()?.Quota = decision;
        return null;
    }

    private static IResult Refused(KeyQuota quota, QuotaRefusal refusal)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(refusal.RetryAfter.TotalSeconds));
        var (what, limit) = refusal.Shortfall == QuotaShortfall.Requests
            ? ("requests", $"{quota.Limits.RequestsPerMinute} requests per minute")
            : ("tokens", quota.Limits.TokensPerMinute > 0 ? $"{quota.Limits.TokensPerMinute} tokens per minute" : $"{quota.Limits.TokensPerDay} tokens per day");
        if (refusal.Shortfall == QuotaShortfall.Tokens && quota.Limits.TokensPerDay > 0 && refusal.RetryAfter > TimeSpan.FromMinutes(1))
            limit = $"{quota.Limits.TokensPerDay} tokens per day";
        return ApiErrors.Create(
            StatusCodes.Status429TooManyRequests,
            string.Create(CultureInfo.InvariantCulture,
                $"Rate limit reached for {what} on key '{quota.Name}': {limit}, across the whole gateway. Please try again in {seconds} s."),
            what, null, "rate_limit_exceeded");
    }
}
