using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Inference.Models;

namespace Orleans.Inference.ApiHost.Health;

/// <summary>
/// Ready once at least one model is ready to serve; the data lists every model's state. A gateway with nothing loaded
/// answers every generation request with 503, so a load balancer should not send it traffic yet.
/// </summary>
internal sealed class ModelsHealthCheck(IModelCatalog catalog, IGrainFactory grains) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var models = await catalog.ListAsync();
        var statuses = await Task.WhenAll(models.Select(model => grains.GetGrain<IModelGrain>(model.Key).GetStatusAsync()));
        var data = new Dictionary<string, object>(StringComparer.Ordinal);
        for (var i = 0; i < models.Count; i++) data[models[i].Key] = statuses[i].State.ToString();
        var ready = statuses.Count(status => status.State == ModelState.Ready);
        var description = $"{ready} of {models.Count} model(s) ready.";
        return ready > 0 ? HealthCheckResult.Healthy(description, data) : HealthCheckResult.Unhealthy(description, data: data);
    }
}
