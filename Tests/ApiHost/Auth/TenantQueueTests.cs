using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Orleans.Inference.Batching;
using Orleans.Inference.Tests.Infrastructure;

namespace Orleans.Inference.Tests.ApiHost.Auth;

/// <summary>API keys as tenants of a model's queue, over real HTTP: one key flooding a model does not shut another out.</summary>
[Collection(AuthApiHostCollection.Name)]
public sealed class TenantQueueTests(AuthApiHostFactory host)
{
    private static readonly string Completion =
        $$"""{"model":"{{AuthApiHostFactory.SharedQueueModel}}","prompt":"Hello","max_tokens":20}""";

    [Fact]
    public async Task Post_OneKeyFloodsAModel_ItGets429PastItsShare_AnotherKeyIsAdmittedAndServedAhead()
    {
        var meters = host.Services.GetRequiredService<IMeterFactory>();
        using var rejected = new MetricCollector<long>(meters, BatchingMetrics.MeterName, "inference.requests.rejected");
        using var requests = new MetricCollector<long>(meters, BatchingMetrics.MeterName, "inference.requests");
        using var tokens = new MetricCollector<long>(meters, BatchingMetrics.MeterName, "inference.tokens");
        var flooder = host.ClientFor(AuthApiHostFactory.InferenceKey);
        var other = host.ClientFor(AuthApiHostFactory.NamedInferenceKey);
        var clock = Stopwatch.StartNew();

        // One runs (half a second) and four wait: the queue is full for the flooder, who gets 429 for the rest.
        var flood = Enumerable.Range(0, 10).Select(_ => TimedAsync(flooder, clock)).ToList();
        while (flood.Count(request => request.IsCompleted) < 5) await Task.WhenAny(flood.Where(request => !request.IsCompleted));
        var late = TimedAsync(other, clock);
        var floodAgain = TimedAsync(flooder, clock);

        var (lateStatus, lateDone) = await late;
        var floodAnswers = await Task.WhenAll(flood);
        var floodServed = floodAnswers.Where(answer => answer.Status == HttpStatusCode.OK).ToList();
        Assert.Equal(HttpStatusCode.OK, lateStatus);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await floodAgain).Status);
        Assert.Equal(5, floodServed.Count);
        Assert.Equal(5, floodAnswers.Count(answer => answer.Status == HttpStatusCode.TooManyRequests));
        // Its share put it second or third in line, not behind the flooder's whole backlog.
        Assert.True(floodServed.Count(answer => answer.Done > lateDone) >= 2, "the other key's request runs before the flooder's last ones");

        // By key name, never the key: the model's refusals, the gateway's outcomes, the tokens each key was served.
        Assert.Equal(6, Sum(rejected, "api-key-1"));
        Assert.Equal(6, Sum(requests, "api-key-1", "rejected"));
        Assert.Equal(1, Sum(requests, "named", "ok"));
        Assert.Equal(20, Sum(tokens, "named"));
        Assert.Equal(5 * 20, Sum(tokens, "api-key-1"));
    }

    private static long Sum(MetricCollector<long> collector, string tenant, string? outcome = null) => collector.GetMeasurementSnapshot()
        .Where(m => Equals(m.Tags["model"], AuthApiHostFactory.SharedQueueModel) && Equals(m.Tags["tenant"], tenant))
        .Where(m => outcome is null || Equals(m.Tags["outcome"], outcome))
        .Sum(m => m.Value);

    private static async Task<(HttpStatusCode Status, TimeSpan Done)> TimedAsync(HttpClient client, Stopwatch clock)
    {
        using var response = await client.PostJsonAsync("v1/completions", Completion);
        await response.Content.ReadAsByteArrayAsync();
        return (response.StatusCode, clock.Elapsed);
    }
}
