using System.Diagnostics.Metrics;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Orleans.Inference.ApiHost.Errors;
using Orleans.Inference.ApiHost.Hosting;
using Orleans.Inference.Batching;

namespace Orleans.Inference.ApiHost.Limits;

/// <summary>
/// <see cref="ConcurrencyLimitOptions"/> as middleware over a <see cref="ConcurrencyLimiter"/> with no queue: a request past
/// the limit is refused before it parses a body or calls a grain, which is what makes refusing cheaper than serving.
/// A middleware of its own rather than ASP.NET's rate limiter, whose one global limiter and rejection handler belong to
/// per-key limits.
/// </summary>
internal static class ConcurrencyLimitExtensions
{
    public static IServiceCollection AddGatewayConcurrencyLimit(this IServiceCollection services)
    {
        services.AddOptions<ConcurrencyLimitOptions>().BindConfiguration(ConcurrencyLimitOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        return services;
    }

    /// <summary>Goes after the request metrics and errors, so refusals are counted (outcome <c>unavailable</c>) like any 503.</summary>
    public static WebApplication UseGatewayConcurrencyLimit(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<ConcurrencyLimitOptions>>().Value;
        if (options.MaxConcurrentRequests == 0) return app;

        var limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions { PermitLimit = options.MaxConcurrentRequests, QueueLimit = 0 });
        app.Lifetime.ApplicationStopped.Register(limiter.Dispose);
        var refused = app.Services.GetRequiredService<IMeterFactory>().Create(BatchingMetrics.MeterName).CreateCounter<long>(
            "inference.requests.overloaded", "{request}", "Generation requests refused because the gateway had MaxConcurrentRequests in progress.");
        var message = $"The gateway has {options.MaxConcurrentRequests} requests in progress, its limit; retry after 1 s.";
        app.Use(async (http, next) =>
        {
            if (!GenerationRequestFeature.IsGeneration(http.Request))
            {
                await next(http);
                return;
            }

            using var lease = limiter.AttemptAcquire();
            if (lease.IsAcquired)
            {
                await next(http);
                return;
            }

            refused.Add(1);
            // A concurrency limit cannot know when a request will end: a second is a guess that spreads retries out.
            http.Response.Headers.RetryAfter = "1";
            await ApiErrors.Create(StatusCodes.Status503ServiceUnavailable, message, ApiErrors.ServerError, null, "server_overloaded").ExecuteAsync(http);
        });
        return app;
    }
}
