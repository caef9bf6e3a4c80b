using System.Globalization;
using System.Net;
using Orleans.Inference.Tests.Infrastructure;

namespace Orleans.Inference.Tests.ApiHost.Hosting;

/// <summary>The Prometheus endpoint after known traffic: the counts an operator's dashboard is built on.</summary>
[Collection(ApiHostCollection.Name)]
public sealed class MetricsTests(ApiHostFactory host)
{
    private const string Model = $"model=\"{TestCatalog.Metered}\"";

    [Fact]
    public async Task Metrics_AfterKnownTraffic_CountRequestsByOutcomeTokensAndFirstTokens()
    {
        var before = await ScrapeAsync();

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

        var after = await ScrapeAsync();
        Assert.Equal(4, Delta(before, after, "inference_requests_total", Model, "outcome=\"ok\""));
        Assert.Equal(1, Delta(before, after, "inference_requests_total", Model, "outcome=\"invalid\""));
        Assert.Equal(3 * 5 + 4, Delta(before, after, "inference_tokens_total", Model));
        Assert.Equal(1, Delta(before, after, "inference_time_to_first_token_milliseconds_count", Model));
        Assert.DoesNotContain("no-such-model-for-metrics", after); // client-sent ids are no tags
        Assert.True(Value(after, "inference_model_state", Model, "state=\"Ready\"") >= 1, "the model's state is a gauge");
        Assert.True(Value(after, "inference_model_load_duration_seconds_count", Model, "outcome=\"ready\"") >= 1, "its load was timed");
        Assert.Contains(after.Split('\n'), line => line.StartsWith("orleans_", StringComparison.Ordinal) && line.Contains("activation", StringComparison.Ordinal));
    }

    private async Task<string> ScrapeAsync() => await host.Http.GetStringAsync("metrics");

    private static double Delta(string before, string after, string name, params string[] labels) =>
        Value(after, name, labels) - Value(before, name, labels);

    /// <summary>The sum of the samples of <paramref name="name"/> whose labels include every one of <paramref name="labels"/>.</summary>
    private static double Value(string scrape, string name, params string[] labels) => scrape.Split('\n')
        .Where(line => line.StartsWith(name + "{", StringComparison.Ordinal) && labels.All(label => line.Contains(label, StringComparison.Ordinal)))
        .Sum(line => double.Parse(line[(line.IndexOf("} ", StringComparison.Ordinal) + 2)..].Split(' ')[0], CultureInfo.InvariantCulture));
}
