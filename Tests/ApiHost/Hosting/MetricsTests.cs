using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Orleans.Inference.Batching;
using Orleans.Inference.Tests.Infrastructure;

namespace Orleans.Inference.Tests.ApiHost.Hosting;

/// <summary>
/// The gateway's metrics after known traffic: the counts an operator's dashboard is built on. Counts are read from this
/// host's own meters (several test hosts share the process, and a metrics listener hears every host's instruments);
/// the scrape shows they are exported.
/// </summary>
[Collection(ApiHostCollection.Name)]
public sealed class MetricsTests(ApiHostFactory host)
{
    [Fact]
    public async Task Metrics_AfterKnownTraffic_CountRequestsByOutcomeDurationsTokensAndFirstTokens()
    {
        var meters = host.Services.GetRequiredService<IMeterFactory>();
        using var requests = new MetricCollector<long>(meters, BatchingMetrics.MeterName, "inference.requests");
        using var tokens = new MetricCollector<long>(meters, BatchingMetrics.MeterName, "inference.tokens");
        using var firstTokens = new MetricCollector<double>(meters, BatchingMetrics.MeterName, "inference.time_to_first_token");
        using var durations = new MetricCollector<double>(meters, BatchingMetrics.MeterName, "inference.request.duration");

        for (var i = 0; i < 3; i++)
        {
            using var ok = await host.Http.PostJsonAsync("v1/completions", """{"model":"test-metrics","prompt":"count me","max_tokens":5}""");
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        using (var streamed = await host.Http.PostJsonAsync("v1/completions", """{"model":"test-metrics","prompt":"stream me","max_tokens":4,"stream":true}"""))
            Assert.Equal("[DONE]", (await ServerSentEvents.ReadAllDataAsync(streamed))[^1]);
        using (var invalid = await host.Http.PostJsonAsync("v1/completions", """{"model":"test-metrics","prompt":"x","max_tokens":-1}"""))
            Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        using (var unknown = await host.Http.PostJsonAsync("v1/completions", """{"model":"no-such-model-for-metrics","prompt":"x"}"""))
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);

        Assert.Equal(4, Sum(requests, "outcome", "ok"));
        Assert.Equal(1, Sum(requests, "outcome", "invalid"));
        Assert.Equal(3 * 5 + 4, Sum(tokens));
        Assert.Equal(5, durations.GetMeasurementSnapshot().Count(m => Equals(m.Tags["model"], TestCatalog.Metered) && m.Value > 0));
        Assert.Single(firstTokens.GetMeasurementSnapshot(), m => Equals(m.Tags["model"], TestCatalog.Metered));
        Assert.DoesNotContain(requests.GetMeasurementSnapshot(), m => Equals(m.Tags["model"], "no-such-model-for-metrics"));

        var scrape = await host.Http.GetStringAsync("metrics");
        foreach (var name in new[]
        {
            "inference_requests_total{", "inference_tokens_total{", "inference_time_to_first_token_milliseconds_count{",
            "inference_request_duration_milliseconds_count{",
            "inference_model_state{", "inference_model_load_duration_seconds_count{", "orleans_catalog_activations{",
        })
        {
            Assert.Contains(name, scrape);
        }
    }

    private static long Sum(MetricCollector<long> collector, string? tag = null, string? value = null) => collector.GetMeasurementSnapshot()
        .Where(m => Equals(m.Tags["model"], TestCatalog.Metered) && (tag is null || Equals(m.Tags[tag], value)))
        .Sum(m => m.Value);
}
