using System.Net;
using Orleans.Inference.Tests.Infrastructure;

namespace Orleans.Inference.Tests.ApiHost.Quotas;

/// <summary>Keys' cluster-wide quotas over real HTTP: OpenAI's headers on every response, and 429 past a limit.</summary>
[Collection(QuotaApiHostCollection.Name)]
public sealed class QuotaApiTests(QuotaApiHostFactory host)
{
    private const string Completion = """{"model":"test-free","prompt":"Hello","max_tokens":3}""";

    [Fact]
    public async Task Post_PastTheRequestsPerMinute_Returns429RateLimitExceeded_WithOpenAisHeaders_UntilTheMinuteEnds()
    {
        using var client = host.ClientFor(QuotaApiHostFactory.RequestsKey);
        host.NextMinute();

        var remaining = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            using var ok = await client.PostJsonAsync("v1/completions", Completion);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            Assert.Equal("3", Header(ok, "x-ratelimit-limit-requests"));
            remaining.Add(Header(ok, "x-ratelimit-remaining-requests"));
            Assert.Equal("40s", Header(ok, "x-ratelimit-reset-requests"));
        }

        using var refused = await client.PostJsonAsync("v1/completions", Completion);
        host.Clock.Advance(TimeSpan.FromSeconds(40));
        using var nextMinute = await client.PostJsonAsync("v1/completions", Completion);

        Assert.Equal(["2", "1", "0"], remaining);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var error = await refused.ReadErrorAsync();
        Assert.Equal("rate_limit_exceeded", error.GetProperty("code").GetString());
        Assert.Equal("requests", error.GetProperty("type").GetString());
        Assert.Contains("'three-a-minute'", error.GetProperty("message").GetString());
        Assert.Equal(TimeSpan.FromSeconds(40), refused.Headers.RetryAfter?.Delta);
        Assert.Equal("0", Header(refused, "x-ratelimit-remaining-requests"));
        Assert.Equal(HttpStatusCode.OK, nextMinute.StatusCode);
    }

    [Fact]
    public async Task Post_TokensPerMinute_ReservesMaxTokensAtAdmission_AndChargesWhatWasUsed()
    {
        using var client = host.ClientFor(QuotaApiHostFactory.TokensKey);
        host.NextMinute();

        // 250 tokens could never fit in 200 a minute. A one-word prompt of 400 characters is reserved as 100 tokens (four
        // characters a token) but uses one: what it did not use goes back, and the same request fits again.
        var longWord = new string('a', 400);
        var request = $$"""{"model":"test-free","prompt":"{{longWord}}","max_tokens":20}""";
        using var tooBig = await client.PostJsonAsync("v1/completions", """{"model":"test-free","prompt":"Hi","max_tokens":250}""");
        using var fits = await client.PostJsonAsync("v1/completions", request);
        var used = (await fits.ReadJsonAsync()).GetProperty("usage").GetProperty("total_tokens").GetInt32();
        using var again = await client.PostJsonAsync("v1/completions", request);

        Assert.Equal(HttpStatusCode.TooManyRequests, tooBig.StatusCode);
        Assert.Equal("tokens", (await tooBig.ReadErrorAsync()).GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.OK, fits.StatusCode);
        Assert.Equal("200", Header(fits, "x-ratelimit-limit-tokens"));
        Assert.Equal("80", Header(fits, "x-ratelimit-remaining-tokens"));
        Assert.Equal(21, used);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal((200 - used - 120).ToString(), Header(again, "x-ratelimit-remaining-tokens"));
    }

    [Fact]
    public async Task Post_KeyWithoutQuotas_HasNoRateLimitHeaders()
    {
        using var client = host.ClientFor(QuotaApiHostFactory.FreeKey);

        using var response = await client.PostJsonAsync("v1/completions", Completion);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(response.Headers, header => header.Key.StartsWith("x-ratelimit", StringComparison.Ordinal));
    }

    private static string Header(HttpResponseMessage response, string name) => Assert.Single(response.Headers.GetValues(name));
}
