using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Inference.Backends;

namespace Orleans.Inference.ApiHost.Health;

/// <summary>
/// Probes every configured HTTP backend endpoint's replicas (past their circuit breakers). Healthy when every replica
/// answers; degraded (still 200) when some do not; unhealthy when no endpoint has a replica that answers, since then no
/// request for an HTTP model can be served. Without HTTP backends (simulated models only) there is nothing to reach.
/// </summary>
internal sealed class BackendsHealthCheck(IServiceProvider services) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        // A pure client host (no silo here) has no backends of its own to reach.
        if (services.GetService<IBackendReachability>() is not { } endpoints || !endpoints.Names.Any())
            return HealthCheckResult.Healthy("No HTTP backend is configured here.");

        var probes = await endpoints.ProbeAsync(cancellationToken);
        var data = probes.ToDictionary(probe => probe.Key, probe => (object)$"{probe.Value.Reachable} of {probe.Value.Replicas} replica(s) reachable");
        var unreachable = probes.Where(probe => probe.Value.Reachable == 0).Select(probe => probe.Key).ToList();
        var partial = probes.Any(probe => probe.Value.Reachable < probe.Value.Replicas);
        if (unreachable.Count == probes.Count)
            return HealthCheckResult.Unhealthy($"No backend endpoint is reachable ({string.Join(", ", unreachable)}).", data: data);
        if (partial)
        {
            var description = unreachable.Count > 0 ? $"Unreachable: {string.Join(", ", unreachable)}; others serve." : "Some replicas do not answer.";
            return HealthCheckResult.Degraded(description, data: data);
        }

        return HealthCheckResult.Healthy($"All {probes.Count} backend endpoint(s) reachable.", data);
    }
}
