using System.Net;
using Orleans.Inference.Tests.Infrastructure;
using static Orleans.Inference.Tests.Infrastructure.HttpBackendApiHostFactory;

namespace Orleans.Inference.Tests.Grains.Backends.Http;

/// <summary>Connections to the backend: bounded under load and after abandoned streams, and reused rather than leaked.</summary>
[Collection(HttpBackendCollection.Name)]
public sealed class ConnectionPoolTests(HttpBackendApiHostFactory host)
{
    /// <summary>Requests in the run; the 100,000 with ORLEANS_INFERENCE_LONG_TESTS=1.</summary>
    private static readonly int Requests = Environment.GetEnvironmentVariable("ORLEANS_INFERENCE_LONG_TESTS") == "1" ? 100_000 : 10_000;

    [Fact]
    public async Task Connections_ManyRequestsAndCancelledStreams_StayWithinTheMaximumAndAreReused()
    {
        // Each replica also holds the one connection this test reads its /stats over.
        var limit = (MaxConnections + 1) * host.Shared.Length;
        var before = await host.SharedStatsAsync();
        using var done = new CancellationTokenSource();
        // Sampled while requests run; each cancelled stream below closes its connection and the pool opens another.
        var peak = ConnectionSampler.PeakAsync(async () => (await host.SharedStatsAsync()).OpenConnections, done.Token);

        // 32 callers against 8 connections a replica: requests must queue for connections rather than open more.
        var next = 0;
        var failures = 0;
        await Task.WhenAll(Enumerable.Range(0, 32).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) <= Requests)
            {
                using var response = await host.Http.PostJsonAsync("v1/completions", $$"""{"model":"{{Instant}}","prompt":"pool","max_tokens":4}""");
                if (response.StatusCode != HttpStatusCode.OK) Interlocked.Increment(ref failures);
            }
        }));
        await done.CancelAsync();
        var afterRequests = await host.SharedStatsAsync();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            for (var i = 0; i < 125; i++) await LeaveMidStreamAsync();
        }));
        await HttpJson.EventuallyAsync(async () => await host.InFlightAsync(Singles) == 0, TimeSpan.FromSeconds(20), "every cancelled stream should leave");

        Assert.Equal(0, failures);
        Assert.True(await peak <= limit, $"{await peak} connections were open at once; the pool allows {limit}");
        // Requests reuse connections: a handful more than the pool's size, not one per request.
        Assert.True(afterRequests.ConnectionsTotal - before.ConnectionsTotal <= limit, $"{afterRequests.ConnectionsTotal - before.ConnectionsTotal} connections opened for {Requests} requests");
        await HttpJson.EventuallyAsync(async () => (await host.SharedStatsAsync()).SequencesCancelled - before.SequencesCancelled >= 1000,
            TimeSpan.FromSeconds(10), "the Simulator should see all 1,000 streams cancelled");
        // A cancelled stream's connection is closed, not drained; once the server has seen the closes, what is left fits the pool.
        await HttpJson.EventuallyAsync(async () => (await host.SharedStatsAsync()).OpenConnections <= limit, TimeSpan.FromSeconds(10),
            "open connections should come back within the pool's maximum");
    }

    private async Task LeaveMidStreamAsync()
    {
        using var response = await host.Leaving.PostJsonAsync("v1/completions",
            $$"""{"model":"{{Singles}}","prompt":"leave me","max_tokens":500,"stream":true}""", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var events = ServerSentEvents.ReadDataAsync(response).GetAsyncEnumerator();
        Assert.True(await events.MoveNextAsync());
    }
}
