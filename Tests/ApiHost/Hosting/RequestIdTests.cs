using System.Net;
using System.Text;
using Orleans.Inference.Tests.Infrastructure;

namespace Orleans.Inference.Tests.ApiHost.Hosting;

/// <summary>A request's <c>x-request-id</c> comes back in its response and follows it through the grains to the backend.</summary>
[Collection(TracingApiHostCollection.Name)]
public sealed class RequestIdTests(TracingApiHostFactory host)
{
    private const string Body = $$"""{"model":"{{TracingApiHostFactory.Model}}","prompt":"Hello","max_tokens":4}""";

    [Fact]
    public async Task Post_WithRequestId_ReturnsIt_AndCarriesItThroughTheGrainsToTheBackend()
    {
        var id = "req-" + Guid.NewGuid().ToString("N");

        using var response = await SendAsync(Body, id);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(id, Assert.Single(response.Headers.GetValues("x-request-id")));
        Assert.Equal(id, (await host.Simulator.GetStatsAsync()).LastRequestId);
        await HttpJson.EventuallyAsync(
            () => Logged(2005, id) && Logged(3010, id) && Logged(3011, id), TimeSpan.FromSeconds(5),
            "the batch grain logs the request queued and the ApiHost logs its start and end, each with the client's id");
        Assert.Contains(host.Logs.GetSnapshot(), log => log.Id.Id == 2001 && log.GetStructuredStateValue("RequestIds")?.Contains(id) == true);
    }

    [Fact]
    public async Task Post_Streamed_ReturnsTheRequestIdWithTheEventStream()
    {
        var id = "stream-" + Guid.NewGuid().ToString("N");

        using var response = await SendAsync(Body.Replace("}", ""","stream":true}"""), id);

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(id, Assert.Single(response.Headers.GetValues("x-request-id")));
    }

    [Fact]
    public async Task Post_WithoutRequestId_GetsANewUniqueOne_EvenOnAnError()
    {
        using var first = await SendAsync(Body, null);
        using var second = await SendAsync("""{"model":"no-such-model","prompt":"x"}""", null);

        Assert.Equal(HttpStatusCode.NotFound, second.StatusCode);
        var ids = new[] { first, second }.Select(response => Assert.Single(response.Headers.GetValues("x-request-id"))).ToArray();
        Assert.All(ids, id => Assert.Matches("^[0-9a-f]{32}$", id));
        Assert.NotEqual(ids[0], ids[1]);
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("quote\"d")]
    [InlineData("")]
    public async Task Post_UnusableRequestId_IsReplaced(string sent)
    {
        using var response = await SendAsync(Body, sent);

        Assert.Matches("^[0-9a-f]{32}$", Assert.Single(response.Headers.GetValues("x-request-id")));
    }

    [Fact]
    public async Task Post_RequestIdLongerThan128_IsReplaced()
    {
        using var response = await SendAsync(Body, new string('a', 129));

        Assert.Matches("^[0-9a-f]{32}$", Assert.Single(response.Headers.GetValues("x-request-id")));
    }

    private bool Logged(int eventId, string requestId) =>
        host.Logs.GetSnapshot().Any(log => log.Id.Id == eventId && log.GetStructuredStateValue("RequestId") == requestId);

    private Task<HttpResponseMessage> SendAsync(string body, string? requestId)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "v1/completions") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (requestId is not null) request.Headers.TryAddWithoutValidation("x-request-id", requestId);
        return host.Http.SendAsync(request);
    }
}
