using System.Net;
using Orleans.Inference.Tests.Infrastructure;

namespace Orleans.Inference.Tests.ApiHost.Limits;

/// <summary>The gateway's own bound on generation requests in progress, whatever the models could queue.</summary>
public sealed class ConcurrencyLimitTests(ConcurrencyLimitedApiHostFactory host) : IClassFixture<ConcurrencyLimitedApiHostFactory>
{
    [Fact]
    public async Task Post_PastMaxConcurrentRequests_Gets503WithRetryAfter_ProbesStillAnswer_AndThePermitsComeBack()
    {
        // Long streams hold every permit until their clients leave.
        var streams = new List<HttpResponseMessage>();
        try
        {
            for (var i = 0; i < ConcurrencyLimitedApiHostFactory.MaxConcurrentRequests; i++)
            {
                var stream = await host.Leaving.PostJsonAsync("v1/completions",
                    $$"""{"model":"{{ConcurrencyLimitedApiHostFactory.SideBySide}}","prompt":"hold {{i}}","max_tokens":2000,"stream":true}""", HttpCompletionOption.ResponseHeadersRead);
                streams.Add(stream);
                if (stream.StatusCode != HttpStatusCode.OK) Assert.Fail(await stream.Content.ReadAsStringAsync());
            }

            var refused = await Task.WhenAll(
                host.Http.PostJsonAsync("v1/completions", $$"""{"model":"{{TestCatalog.Free}}","prompt":"one more","max_tokens":2}"""),
                host.Http.PostJsonAsync("v1/chat/completions", $$"""{"model":"{{TestCatalog.Free}}","messages":[{"role":"user","content":"one more"}]}"""));

            Assert.All(refused, response => Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode));
            Assert.All(refused, response => Assert.Equal(TimeSpan.FromSeconds(1), response.Headers.RetryAfter?.Delta));
            var error = (await refused[0].ReadJsonAsync()).GetProperty("error");
            Assert.Equal("server_overloaded", error.GetProperty("code").GetString());
            Assert.Equal("server_error", error.GetProperty("type").GetString());
            foreach (var probe in new[] { "health/live", "v1/models", "admin/models" })
            {
                using var response = await host.Http.GetAsync(probe);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }
        }
        finally
        {
            foreach (var stream in streams) stream.Dispose();
        }

        // Each leaving client ends its request, and with it its permit.
        await HttpJson.EventuallyAsync(async () =>
        {
            var all = await Task.WhenAll(Enumerable.Range(0, ConcurrencyLimitedApiHostFactory.MaxConcurrentRequests).Select(i =>
                host.Http.PostJsonAsync("v1/completions", $$"""{"model":"{{ConcurrencyLimitedApiHostFactory.SideBySide}}","prompt":"back {{i}}","max_tokens":2}""")));
            return all.All(response => response.StatusCode == HttpStatusCode.OK);
        }, TimeSpan.FromSeconds(30), "every permit should return once the streams' clients have left");
    }
}
