using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Inference.ApiHost.Health;
using Orleans.Inference.Backends;
using Orleans.Inference.Backends.Http;
using Orleans.Inference.Models;
using Orleans.Inference.Tests.Infrastructure;

namespace Orleans.Inference.Tests.ApiHost.Health;

/// <summary>Readiness reports whether the HTTP backends answer.</summary>
[Collection(TracingApiHostCollection.Name)]
public sealed class BackendsHealthTests(TracingApiHostFactory host)
{
    [Fact]
    public async Task Ready_OneEndpointUnreachable_200Degraded_NamingIt()
    {
        using var response = await host.Http.GetAsync("health/ready");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var backends = (await response.ReadJsonAsync()).GetProperty("checks").GetProperty("backends");
        Assert.Equal("Degraded", backends.GetProperty("status").GetString());
        Assert.Contains(TracingApiHostFactory.Unreachable, backends.GetProperty("description").GetString());
        Assert.Equal("0 of 1 replica(s) reachable", backends.GetProperty("data").GetProperty(TracingApiHostFactory.Unreachable).GetString());
        Assert.Equal("1 of 1 replica(s) reachable", backends.GetProperty("data").GetProperty("sim").GetString());
    }

    [Fact]
    public async Task Check_NoEndpointReachable_Unhealthy()
    {
        var options = new InferenceOptions();
        options.Backends["down"] = new BackendEndpointOptions { Replicas = [$"http://127.0.0.1:{ApiHostFactory.RefusingPort}"] };
        using var endpoints = new BackendEndpoints(Options.Create(options), NullLoggerFactory.Instance, Meters());
        var check = new BackendsHealthCheck(new SingleService(endpoints));

        var result = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Equal("0 of 1 replica(s) reachable", result.Data["down"]);
    }

    [Fact]
    public async Task Check_NoHttpBackend_Healthy()
    {
        using var endpoints = new BackendEndpoints(Options.Create(new InferenceOptions()), NullLoggerFactory.Instance, Meters());

        var result = await new BackendsHealthCheck(new SingleService(endpoints)).CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Healthy, result.Status);
    }

    private sealed class SingleService(BackendEndpoints endpoints) : IServiceProvider
    {
        public object? GetService(Type serviceType) => serviceType == typeof(IBackendReachability) ? endpoints : null;
    }

    private static IMeterFactory Meters() => new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();
}
