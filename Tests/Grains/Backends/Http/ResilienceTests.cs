using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Orleans.Inference.Tests.Infrastructure;
using static Orleans.Inference.Tests.Infrastructure.HttpBackendApiHostFactory;

namespace Orleans.Inference.Tests.Grains.Backends.Http;

/// <summary>Replicas that die, fail, stall or drop connections, and what callers get: success where it is safe, else a clear error.</summary>
[Collection(HttpBackendCollection.Name)]
public sealed class ResilienceTests(HttpBackendApiHostFactory host)
{
    [Fact]
    public async Task Requests_OneReplicaKilled_AllSucceedOnTheOther()
    {
        var before = await host.Failover[1].GetStatsAsync();
        await host.Failover[0].StopAsync();
        try
        {
            for (var i = 0; i < 20; i++)
            {
                using var response = await CompleteAsync(FailoverModel);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }

            Assert.True((await host.Failover[1].GetStatsAsync()).Batches - before.Batches >= 20);
        }
        finally
        {
            await host.Failover[0].RestartAsync();
        }
    }

    [Fact]
    public async Task Requests_OneReplicaFailing_AreRetriedElsewhereAndTheReplicaIsProbedBackIn()
    {
        var failing = host.Breaker[1];
        await failing.SetFaultsAsync(new SimulatorFaults(ErrorRate: 1, ErrorStatus: 500));
        try
        {
            for (var i = 0; i < 30; i++)
            {
                using var response = await CompleteAsync(BreakerModel);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }

            // Its circuit is open now: for the next second (BreakDuration) it gets no more than a probe.
            var seen = (await failing.GetStatsAsync()).Requests;
            for (var i = 0; i < 10; i++)
            {
                using var response = await CompleteAsync(BreakerModel);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }

            Assert.InRange((await failing.GetStatsAsync()).Requests - seen, 0, 1);

            // An operator sees it: the replica's breaker open on the dashboard (its probes keep failing, so it stays
            // mostly open), the gauge and Polly's events in /metrics.
            var replica = failing.BaseAddress.ToString();
            await HttpJson.EventuallyAsync(async () =>
            {
                using var response = await CompleteAsync(BreakerModel);
                using var stats = JsonDocument.Parse(await host.Http.GetStringAsync("dashboard/stats"));
                var backends = stats.RootElement.GetProperty("backends").EnumerateArray()
                    .Where(backend => backend.GetProperty("endpoint").GetString() == "breaker")
                    .ToDictionary(backend => backend.GetProperty("replica").GetString()!, backend => backend.GetProperty("breaker").GetString());
                return backends[replica] == "open" && backends[host.Breaker[0].BaseAddress.ToString()] == "closed";
            }, TimeSpan.FromSeconds(15), "the dashboard should show the failing replica's breaker open, the other's closed");
            var scrape = await host.Http.GetStringAsync("metrics");
            Assert.Contains(MetricLines(scrape, "inference_backend_breaker"), line => line.Contains($"replica=\"{replica}\"", StringComparison.Ordinal));
            var events = MetricLines(scrape, "resilience_polly_strategy_events_total").ToList();
            Assert.Contains(events, line => line.Contains("event_name=\"OnCircuitOpened\"", StringComparison.Ordinal)
                && line.Contains($"pipeline_instance=\"{replica}\"", StringComparison.Ordinal) && line.Contains("pipeline_name=\"breaker\"", StringComparison.Ordinal));
            Assert.Contains(events, line => line.Contains("event_name=\"OnRetry\"", StringComparison.Ordinal)
                && line.Contains("pipeline_name=\"breaker\"", StringComparison.Ordinal) && line.Contains("strategy_name=\"retry\"", StringComparison.Ordinal));
        }
        finally
        {
            await failing.SetFaultsAsync(new SimulatorFaults());
        }

        // Healed, it is probed once its break is over, and serves again.
        var served = (await failing.GetStatsAsync()).Batches;
        await HttpJson.EventuallyAsync(async () =>
        {
            using var response = await CompleteAsync(BreakerModel);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return (await failing.GetStatsAsync()).Batches > served;
        }, TimeSpan.FromSeconds(15), "the healed replica should be probed back in");
    }

    [Theory]
    [InlineData(429, 429, "backend_rate_limited", "7")]
    [InlineData(503, 503, "backend_unavailable", "5")]
    [InlineData(500, 502, "backend_error", null)]
    [InlineData(400, 400, "backend_rejected", null)]
    public async Task Request_BackendAnswersAnError_CallerGetsItInOpenAIShape(int backendStatus, int status, string code, string? retryAfter)
    {
        await host.Errors.SetFaultsAsync(new SimulatorFaults(ErrorRate: 1, ErrorStatus: backendStatus, RetryAfterSeconds: int.Parse(retryAfter ?? "1")));
        try
        {
            using var response = await CompleteAsync(ErrorsModel);

            Assert.Equal(status, (int)response.StatusCode);
            var error = (await response.ReadJsonAsync()).GetProperty("error");
            Assert.Equal(code, error.GetProperty("code").GetString());
            Assert.Contains($"answered {backendStatus}", error.GetProperty("message").GetString());
            if (retryAfter is not null) Assert.Equal(retryAfter, response.Headers.RetryAfter?.Delta?.TotalSeconds.ToString());
        }
        finally
        {
            await host.Errors.SetFaultsAsync(new SimulatorFaults());
        }
    }

    [Fact]
    public async Task Request_BackendTooSlow_Gets504()
    {
        await host.Errors.SetFaultsAsync(new SimulatorFaults(AddedLatencyMs: 3000));
        try
        {
            using var response = await CompleteAsync(ErrorsModel);

            Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
            Assert.Equal("backend_timeout", (await response.ReadJsonAsync()).GetProperty("error").GetProperty("code").GetString());
        }
        finally
        {
            await host.Errors.SetFaultsAsync(new SimulatorFaults());
        }
    }

    [Fact]
    public async Task Request_BackendUnreachable_Gets502()
    {
        await host.Errors.StopAsync();
        try
        {
            using var response = await CompleteAsync(ErrorsModel);

            Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
            var error = (await response.ReadJsonAsync()).GetProperty("error");
            Assert.Equal("backend_error", error.GetProperty("code").GetString());
            Assert.Contains("could not be reached", error.GetProperty("message").GetString());
        }
        finally
        {
            await host.Errors.RestartAsync();
        }
    }

    [Fact]
    public async Task Stream_BackendDropsTheConnection_CallerGetsTokensThenAnErrorEvent()
    {
        await host.Errors.SetFaultsAsync(new SimulatorFaults(DropAfterTokens: 3));
        try
        {
            using var response = await host.Http.PostJsonAsync("v1/completions",
                $$"""{"model":"{{ErrorsModel}}","prompt":"cut me off","max_tokens":20,"stream":true}""");

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var events = await ServerSentEvents.ReadAllDataAsync(response);
            Assert.Equal("[DONE]", events[^1]);
            var chunks = events[..^1].Select(ServerSentEvents.Json).ToList();
            var error = chunks[^1].GetProperty("error");
            Assert.Equal("backend_error", error.GetProperty("code").GetString());
            Assert.Contains("lost mid-stream", error.GetProperty("message").GetString());
            var text = string.Concat(chunks[..^1].Select(c => c.GetProperty("choices")[0].GetProperty("text").GetString()));
            // A busy Simulator sends tokens that waited for its writer as one chunk, so the cut may come a little later.
            Assert.InRange(text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length, 3, 10);
        }
        finally
        {
            await host.Errors.SetFaultsAsync(new SimulatorFaults());
        }
    }

    [Fact]
    public async Task Stream_BackendHangsMidStream_CallerGetsTokensThenATimeoutEvent_AndTheBackendRequestIsDropped()
    {
        await host.Errors.SetFaultsAsync(new SimulatorFaults(StallAfterTokens: 3));
        try
        {
            var before = await host.Errors.GetStatsAsync();
            var started = Stopwatch.StartNew();
            using var response = await host.Http.PostJsonAsync("v1/completions",
                $$"""{"model":"{{ErrorsModel}}","prompt":"hang on","max_tokens":20,"stream":true}""");

            var events = await ServerSentEvents.ReadAllDataAsync(response);
            Assert.InRange(started.Elapsed, StreamIdleTimeout, StreamIdleTimeout * 10);
            Assert.Equal("[DONE]", events[^1]);
            var chunks = events[..^1].Select(ServerSentEvents.Json).ToList();
            var error = chunks[^1].GetProperty("error");
            Assert.Equal("backend_timeout", error.GetProperty("code").GetString());
            Assert.Contains("sent nothing", error.GetProperty("message").GetString());
            Assert.NotEmpty(chunks[..^1]);
            // The gateway hung up: the stalled request's connection is closed, not left open in the pool.
            await HttpJson.EventuallyAsync(
                async () => (await host.Errors.GetStatsAsync()).OpenConnections <= before.OpenConnections,
                TimeSpan.FromSeconds(10), "the stalled backend connection is closed");
        }
        finally
        {
            await host.Errors.SetFaultsAsync(new SimulatorFaults());
        }
    }

    private static IEnumerable<string> MetricLines(string scrape, string name) =>
        scrape.Split('\n').Where(line => line.StartsWith(name + "{", StringComparison.Ordinal));

    private Task<HttpResponseMessage> CompleteAsync(string model) =>
        host.Http.PostJsonAsync("v1/completions", $$"""{"model":"{{model}}","prompt":"Hello","max_tokens":4}""");
}
