using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Orleans.Inference.Hosting;

/// <summary>
/// Ready only once this host's silo is an active member of its cluster: before that no grain call can be served.
/// A host in client mode has no silo: it is ready as far as this check goes, and the models check shows whether the cluster answers.
/// </summary>
internal sealed class SiloHealthCheck(IServiceProvider services) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (services.GetService<ILocalSiloDetails>() is not { } silo)
            return Task.FromResult(HealthCheckResult.Healthy("Client mode: no silo in this host; grain calls go to the cluster's gateways."));

        var snapshot = services.GetRequiredService<IClusterMembershipService>().CurrentSnapshot;
        var status = snapshot.GetSiloStatus(silo.SiloAddress);
        var active = snapshot.Members.Values.Count(member => member.Status == SiloStatus.Active);
        var description = $"Silo {silo.SiloAddress} is {status}; {active} active silo(s) in cluster '{silo.ClusterId}'.";
        return Task.FromResult(status == SiloStatus.Active ? HealthCheckResult.Healthy(description) : HealthCheckResult.Unhealthy(description));
    }
}
