using Microsoft.Extensions.Hosting;

namespace Orleans.Inference.Backends.Http;

/// <summary>Opens each endpoint's warm connections at start-up, in the background, so start-up never waits for a backend.</summary>
internal sealed class BackendWarmup(BackendEndpoints endpoints) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(endpoints.Names.Select(name => endpoints.Get(name).WarmAsync(stoppingToken)));
}
