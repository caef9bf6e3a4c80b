using System.Diagnostics;
using System.Diagnostics.Metrics;
using Orleans.Inference.ApiHost.Auth;
using Orleans.Inference.Batching;
using Orleans.Inference.Generation;

namespace Orleans.Inference.ApiHost.Hosting;

/// <summary>
/// Generation requests on the <c>Orleans.Inference</c> meter: how they ended and how long they took, per model, and time
/// to first token; and their start and end in the log (<see cref="GenerationRequestLog"/>).
/// The middleware wraps the exception handler, so it sees the status every request really got.
/// </summary>
internal sealed class RequestMetrics
{
    private readonly Counter<long> _requests;
    private readonly Histogram<double> _duration;
    private readonly Histogram<double> _firstToken;

    public RequestMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(BatchingMetrics.MeterName);
        _requests = meter.CreateCounter<long>(
            "inference.requests", "{request}", "Generation requests by model, tenant and outcome: ok, cancelled, failed, rejected, unavailable, invalid.");
        _duration = meter.CreateHistogram<double>(
            "inference.request.duration", "ms", "From a generation request's arrival to its end (a stream's last event), by model and outcome.");
        _firstToken = meter.CreateHistogram<double>("inference.time_to_first_token", "ms", "From a streamed request's arrival to its first token.");
    }

    public void FirstToken(GenerationRequestFeature request)
    {
        if (request.Model is { } model) _firstToken.Record(Stopwatch.GetElapsedTime(request.Started).TotalMilliseconds, Tag(model));
    }

    /// <summary>Counts, times and logs generation requests (<c>/v1/completions</c>, <c>/v1/chat/completions</c>) as they end.</summary>
    public static IApplicationBuilder UseRequestMetrics(IApplicationBuilder app)
    {
        var metrics = app.ApplicationServices.GetRequiredService<RequestMetrics>();
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(GenerationRequestLog.Category);
        return app.UseWhen(
            http => GenerationRequestFeature.IsGeneration(http.Request),
            branch => branch.Use(async (http, next) =>
            {
                var request = new GenerationRequestFeature();
                http.Features.Set(request);
                if (logger.IsEnabled(LogLevel.Debug)) GenerationRequestLog.Started(logger, http.TraceIdentifier, http.Request.Method, http.Request.Path);
                try
                {
                    await next(http);
                }
                finally
                {
                    var outcome = metrics.Completed(http, request);
                    var level = outcome == "failed" ? LogLevel.Warning : LogLevel.Debug;
                    if (logger.IsEnabled(level))
                    {
                        GenerationRequestLog.Ended(
                            logger, level, http.TraceIdentifier, request.Model ?? "none", outcome, http.Response.StatusCode,
                            Stopwatch.GetElapsedTime(request.Started).TotalMilliseconds);
                    }
                }
            }));
    }

    private string Completed(HttpContext http, GenerationRequestFeature request)
    {
        var outcome = http.RequestAborted.IsCancellationRequested ? "cancelled"
            : request.StreamFailed ? "failed"
            : http.Response.StatusCode switch
            {
                < 400 => "ok",
                StatusCodes.Status429TooManyRequests => "rejected",
                StatusCodes.Status503ServiceUnavailable => "unavailable",
                >= 500 => "failed",
                _ => "invalid",
            };
        var model = Tag(request.Model ?? "none");
        var outcomeTag = new KeyValuePair<string, object?>("outcome", outcome);
        // A request refused before its endpoint (the key's rate limit) is still its key's.
        var tenant = request.Tenant ?? RequestTenants.KeyOf(http)?.Tenant ?? Tenant.Shared;
        _requests.Add(1, model, outcomeTag, new KeyValuePair<string, object?>("tenant", tenant.MetricName));
        _duration.Record(Stopwatch.GetElapsedTime(request.Started).TotalMilliseconds, model, outcomeTag);
        return outcome;
    }

    private static KeyValuePair<string, object?> Tag(string model) => new("model", model);
}
