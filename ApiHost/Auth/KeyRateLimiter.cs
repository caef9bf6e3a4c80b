using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Orleans.Inference.ApiHost.Errors;
using Orleans.Inference.Generation;

namespace Orleans.Inference.ApiHost.Auth;

/// <summary>
/// Per-key limits on <c>/v1/*</c> with ASP.NET Core's rate limiter: one partition per key in each of two chained
/// limiters, first the requests in progress (<see cref="ConcurrencyLimiter"/>), then the rate (<see cref="TokenBucketRateLimiter"/>),
/// so a request refused for concurrency spends no token. Nothing queues: over a limit is 429 with Retry-After at once.
/// </summary>
internal static class KeyRateLimiter
{
    /// <summary>The partition of every request that no limit applies to (the limiters need a key for it too).</summary>
    private static readonly ApiKeyIdentity Unlimited = new("(not limited)", admin: false, default, Tenant.Shared);

    public static void Configure(RateLimiterOptions options)
    {
        options.GlobalLimiter = PartitionedRateLimiter.CreateChained(
            PartitionedRateLimiter.Create<HttpContext, ApiKeyIdentity>(ConcurrencyPartition),
            PartitionedRateLimiter.Create<HttpContext, ApiKeyIdentity>(RatePartition));
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        options.OnRejected = RejectAsync;
    }

    // The partition key is the key's identity, made once at start: the factories are static and a request allocates nothing here.
    private static RateLimitPartition<ApiKeyIdentity> ConcurrencyPartition(HttpContext http) =>
        LimitedKey(http) is { Limits.LimitsConcurrency: true } key
            ? RateLimitPartition.GetConcurrencyLimiter(key, static limited => new ConcurrencyLimiterOptions { PermitLimit = limited.Limits.ConcurrentRequests, QueueLimit = 0 })
            : RateLimitPartition.GetNoLimiter(Unlimited);

    private static RateLimitPartition<ApiKeyIdentity> RatePartition(HttpContext http) =>
        LimitedKey(http) is { Limits.LimitsRate: true } key
            ? RateLimitPartition.GetTokenBucketLimiter(key, static limited => new TokenBucketRateLimiterOptions
            {
                // A token every 1/rate seconds, added in proportion to the time elapsed: fractional rates work.
                TokenLimit = limited.Limits.Burst,
                TokensPerPeriod = 1,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1 / limited.Limits.RequestsPerSecond),
                QueueLimit = 0,
            })
            : RateLimitPartition.GetNoLimiter(Unlimited);

    /// <summary>The key of a request to <c>/v1/*</c>; null elsewhere (admin, metrics and health are not limited).</summary>
    private static ApiKeyIdentity? LimitedKey(HttpContext http) =>
        http.GetEndpoint()?.Metadata.GetMetadata<GatewayAccessMetadata>() is { Access: GatewayAccess.Inference }
            ? http.User.Identity as ApiKeyIdentity
            : null;

    /// <summary>429 in OpenAI's shape, with the token bucket's Retry-After; a concurrency limit says 1 s.</summary>
    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        var limits = (http.User.Identity as ApiKeyIdentity)?.Limits ?? default;
        // Only the token bucket's refusals carry a retry time; the concurrency limiter cannot know when a request ends.
        var rateRefused = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter);
        OpenAiExceptionHandler.SetRetryAfter(http, rateRefused ? retryAfter : TimeSpan.FromSeconds(1));
        var error = rateRefused ? AuthErrors.TooManyRequests(limits) : AuthErrors.TooManyConcurrent(limits);
        await error.ExecuteAsync(http);
    }
}
