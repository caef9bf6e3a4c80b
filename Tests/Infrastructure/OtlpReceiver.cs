using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Orleans.Inference.Tests.Infrastructure;

/// <summary>
/// An OTLP/HTTP collector's metrics endpoint on loopback (<c>POST /v1/metrics</c>, protobuf), keeping what it is sent,
/// as an OpenTelemetry Collector would receive it.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private OtlpReceiver(WebApplication app) => _app = app;

    /// <summary>The bodies of the exports received so far, with their content types.</summary>
    public ConcurrentQueue<(string? ContentType, byte[] Body)> Exports { get; } = new();

    /// <summary>Where an exporter sends metrics: this receiver's <c>/v1/metrics</c>.</summary>
    public Uri MetricsEndpoint { get; private set; } = null!;

    public static async Task<OtlpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var receiver = new OtlpReceiver(builder.Build());
        receiver._app.MapPost("/v1/metrics", async (HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            receiver.Exports.Enqueue((request.ContentType, body.ToArray()));
            // An empty ExportMetricsServiceResponse: everything accepted.
            return Results.Bytes([], "application/x-protobuf");
        });
        await receiver._app.StartAsync();
        // The address bound, port included, once started.
        receiver.MetricsEndpoint = new Uri(new Uri(receiver._app.Urls.First()), "v1/metrics");
        return receiver;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
