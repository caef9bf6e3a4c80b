using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Orleans.Inference.Simulator.Faults;

/// <summary>
/// The ways llama.cpp's server treats connections, as fault modes: closing after a stream or after a number of requests
/// without warning the client, and serving connections on a fixed number of threads.
/// </summary>
internal static class ConnectionFaults
{
    private const string RequestsKey = "simulator.requests";

    /// <summary>
    /// Serves at most <see cref="FaultOptions.ServingThreads"/> connections at once (read at start), as a server with a
    /// thread per connection does: a connection past them is accepted, then waits for a serving thread.
    /// </summary>
    public static ListenOptions UseServingThreads(this ListenOptions listen)
    {
        var count = listen.ApplicationServices.GetRequiredService<IOptions<FaultOptions>>().Value.ServingThreads;
        if (count <= 0) return listen;
        var threads = new SemaphoreSlim(count);
        listen.Use(next => async connection =>
        {
            await threads.WaitAsync(connection.ConnectionClosed);
            try
            {
                await next(connection);
            }
            finally
            {
                threads.Release();
            }
        });
        return listen;
    }

    /// <summary>How long an idle keep-alive connection stays open (<see cref="FaultOptions.KeepAliveSeconds"/>, read at start).</summary>
    public static void UseFaultKeepAlive(this KestrelServerOptions kestrel) =>
        kestrel.Limits.KeepAliveTimeout = TimeSpan.FromSeconds(kestrel.ApplicationServices.GetRequiredService<IOptions<FaultOptions>>().Value.KeepAliveSeconds);

    /// <summary>
    /// Closes a connection after its response, with no <c>Connection: close</c> header to warn the client (the headers
    /// are out by then), when the response was a stream and <see cref="FaultOptions.CloseAfterStream"/> is on, or when
    /// it was the connection's <see cref="FaultOptions.KeepAliveMaxRequests"/>th.
    /// </summary>
    public static IApplicationBuilder UseConnectionFaults(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var items = http.Features.Get<IConnectionItemsFeature>()?.Items;
        var served = (items?.TryGetValue(RequestsKey, out var count) == true ? (int)count! : 0) + 1;
        if (items is not null) items[RequestsKey] = served;
        await next(http);

        var faults = http.RequestServices.GetRequiredService<FaultInjector>().Current;
        var stream = http.Response.ContentType?.StartsWith("text/event-stream", StringComparison.Ordinal) == true;
        if ((faults.CloseAfterStream && stream) || (faults.KeepAliveMaxRequests > 0 && served >= faults.KeepAliveMaxRequests))
            http.Features.Get<IConnectionLifetimeNotificationFeature>()?.RequestClose();
    });
}
