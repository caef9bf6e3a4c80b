using OpenTelemetry.Trace;
using Orleans.Inference.Telemetry;

namespace Orleans.Inference.ApiHost.Hosting;

/// <summary>The ApiHost's tracing: the silo's spans (<see cref="TracingServiceCollectionExtensions"/>) under ASP.NET Core's.</summary>
internal static class TracingExtensions
{
    public static WebApplicationBuilder AddGatewayTracing(this WebApplicationBuilder builder)
    {
        builder.Services.AddInferenceTracing(builder.Configuration, tracing => tracing.AddAspNetCoreInstrumentation(aspNet =>
            // Scrapes and probes every few seconds would bury the requests worth reading.
            aspNet.Filter = http => !http.Request.Path.StartsWithSegments("/metrics")
                && !http.Request.Path.StartsWithSegments("/health")
                && !http.Request.Path.StartsWithSegments("/dashboard/stats")));
        return builder;
    }
}
