using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Inference.Backends;
using Orleans.Inference.Backends.Simulated;
using Orleans.Inference.Hosting;
using Orleans.Inference.Models;
using Orleans.TestingHost;

namespace Orleans.Inference.Tests.Infrastructure;

/// <summary>A two-silo in-process cluster with the test catalog, shared by the grain tests.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSiloHost((_, host) => host.Configuration.AddInMemoryCollection(TestCatalog.Settings()));
        builder.ConfigureSilo((_, silo) => silo.AddInference());
        builder.ConfigureClient(client => client.AddMemoryStreams(ModelEvents.StreamProvider));
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();

    /// <summary>Decode steps the model's simulated engines have run, summed over every silo.</summary>
    public long StepsOf(string modelId) => Cluster.Silos
        .Select(silo => Cluster.GetSiloServiceProvider(silo.SiloAddress).GetRequiredService<BackendProvider>())
        .Sum(backends => (backends.Find(modelId) as SimulatedBackend)?.Steps ?? 0);
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
