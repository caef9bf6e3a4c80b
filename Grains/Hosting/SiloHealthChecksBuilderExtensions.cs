using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Orleans.Inference.Hosting;

/// <summary>The health checks every host has, for the ApiHost's and the Silo's <c>/health/live</c> and <c>/health/ready</c>.</summary>
public static class SiloHealthChecksBuilderExtensions
{
    /// <summary>The tag of the checks behind <c>/health/live</c>.</summary>
    public const string Live = "live";

    /// <summary>The tag of the checks behind <c>/health/ready</c>.</summary>
    public const string Ready = "ready";

    /// <summary>
    /// Adds <c>process</c> (tagged <see cref="Live"/>: healthy while the process serves HTTP) and <c>silo</c> (tagged
    /// <see cref="Ready"/>: healthy once this host's silo is an active member of its cluster, or when the host has
    /// no silo, in client mode, with the silo's status and the cluster's active silos in its description).
    /// </summary>
    public static IHealthChecksBuilder AddProcessAndSilo(this IHealthChecksBuilder builder) => builder
        .AddCheck("process", () => HealthCheckResult.Healthy("The process is up."), tags: [Live])
        .AddCheck<SiloHealthCheck>("silo", tags: [Ready]);
}
