using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Inference.Hosting;
using Orleans.TestingHost;

namespace Orleans.Inference.Tests.Infrastructure;

/// <summary>A one-silo cluster whose inference clock is the test's (Orleans keeps its own), for timing without sleeps.</summary>
public static class FakeClockCluster
{
    public static async Task<InProcessTestCluster> StartAsync(TimeProvider time, Dictionary<string, string?> settings)
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSiloHost((_, host) => host.Configuration.AddInMemoryCollection(settings));
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddKeyedSingleton(InferenceTime.Key, time);
            // Grain timers (the batch window's wake-up, the idle check) run on the silo's clock: the same one.
            silo.Services.AddSingleton(time);
            silo.AddInference();
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }
}
