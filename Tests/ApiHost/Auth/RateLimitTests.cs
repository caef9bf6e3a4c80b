using System.Net;
using Orleans.Inference.Tests.Infrastructure;

namespace Orleans.Inference.Tests.ApiHost.Auth;

/// <summary>
/// Per-key limits over real HTTP. The rate test needs no clock: its keys get a token every 100 s, so the burst is all
/// they have for the test's length. The concurrency test holds streams open on a paced model, with the first event as barrier.
/// </summary>
[Collection(AuthApiHostCollection.Name)]
public sealed class RateLimitTests(AuthApiHostFactory host)
{
    [Fact]
    public async Task Requests_OverTheKeysBurst_Return429WithRetryAfterWhileAnotherKeyIsServed()
    {
        var limited = host.ClientFor(AuthApiHostFactory.RateKeyA);
        for (var i = 0; i < AuthApiHostFactory.RateBurst; i++)
        {
            using var allowed = await limited.GetAsync("v1/models");
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var refused = await limited.PostJsonAsync("v1/completions", """{"model":"test-free","prompt":"one more","max_tokens":1}""");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var retryAfter = refused.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(100)); // the bucket's next token
        var error = (await refused.ReadJsonAsync()).GetProperty("error");
        Assert.Equal("rate_limit_error", error.GetProperty("type").GetString());
        Assert.Equal("rate_limit_exceeded", error.GetProperty("code").GetString());
        Assert.Contains("0.01 per second", error.GetProperty("message").GetString());

        // Another key with the same limits has its own bucket; the admin API and health are not limited.
        var other = host.ClientFor(AuthApiHostFactory.RateKeyB);
        for (var i = 0; i < AuthApiHostFactory.RateBurst; i++)
        {
            using var allowed = await other.GetAsync("v1/models");
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var health = await limited.GetAsync("health/live");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task Streams_OverTheKeysConcurrentRequests_Return429UntilTheyEnd()
    {
        var key = host.ClientFor(AuthApiHostFactory.ConcurrencyKey, leaving: true);
        var held = new List<HttpResponseMessage>();
        var readers = new List<IAsyncEnumerator<string>>();
        try
        {
            for (var i = 0; i < AuthApiHostFactory.Concurrent; i++)
            {
                // About 50 s of tokens at 25 ms a step: the stream stays open until the test lets go of it.
                var response = await key.PostJsonAsync(
                    "v1/completions", $$"""{"model":"{{AuthApiHostFactory.HeldModel(i)}}","prompt":"hold on","max_tokens":2000,"stream":true}""",
                    HttpCompletionOption.ResponseHeadersRead);
                held.Add(response);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                var events = ServerSentEvents.ReadDataAsync(response).GetAsyncEnumerator();
                readers.Add(events);
                Assert.True(await events.MoveNextAsync(), "the stream has begun"); // the barrier: this request holds its permit
            }

            using var refused = await key.PostJsonAsync("v1/completions", """{"model":"test-free","prompt":"one more","max_tokens":1}""");

            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(1), refused.Headers.RetryAfter?.Delta);
            var error = (await refused.ReadJsonAsync()).GetProperty("error");
            Assert.Equal("rate_limit_error", error.GetProperty("type").GetString());
            Assert.Equal("concurrency_limit_exceeded", error.GetProperty("code").GetString());

            using var otherKey = await host.ClientFor(AuthApiHostFactory.InferenceKey).PostJsonAsync(
                "v1/completions", """{"model":"test-free","prompt":"not limited","max_tokens":1}""");
            Assert.Equal(HttpStatusCode.OK, otherKey.StatusCode);
        }
        finally
        {
            // The client leaves: the connections close, the gateway cancels the streams and their permits return.
            foreach (var reader in readers) await reader.DisposeAsync();
            held.ForEach(response => response.Dispose());
        }

        await HttpJson.EventuallyAsync(async () =>
        {
            using var again = await key.PostJsonAsync("v1/completions", """{"model":"test-free","prompt":"again","max_tokens":1}""");
            return again.StatusCode == HttpStatusCode.OK;
        }, TimeSpan.FromSeconds(20), "the key's permits return once its streams end");
    }
}
