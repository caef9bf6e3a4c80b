using System.Net;
using System.Text;
using Orleans.Inference.Tests.Infrastructure;

namespace Orleans.Inference.Tests.ApiHost.Hosting;

/// <summary>With an OTLP endpoint configured, the host pushes its metrics there, as to an OpenTelemetry Collector.</summary>
[Collection(TracingApiHostCollection.Name)]
public sealed class OtlpMetricsTests(TracingApiHostFactory host)
{
    [Fact]
    public async Task Metrics_WithAnOtlpEndpoint_ArePushedThereWithTheGatewaysInstruments()
    {
        using var response = await host.Http.PostJsonAsync(
            "v1/completions", $$"""{"model":"{{TracingApiHostFactory.Model}}","prompt":"Hello","max_tokens":4}""");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        // Protobuf keeps names as UTF-8: an export carries the gateway's meter and its request counter.
        await HttpJson.EventuallyAsync(() => host.Otlp.Exports.Any(export =>
            Encoding.UTF8.GetString(export.Body) is var text && text.Contains("Orleans.Inference", StringComparison.Ordinal)
                && text.Contains("inference.requests", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(15), "an OTLP export with the gateway's instruments should arrive");
        Assert.All(host.Otlp.Exports, export => Assert.Equal("application/x-protobuf", export.ContentType));
    }
}
