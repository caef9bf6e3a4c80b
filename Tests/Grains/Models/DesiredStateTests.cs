using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Inference.Hosting;
using Orleans.Inference.Models;
using Orleans.Inference.Tests.Infrastructure;
using Orleans.Serialization;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Orleans.Inference.Tests.Grains.Models;

/// <summary>What should be loaded survives a restart of the whole cluster, through grain storage.</summary>
public sealed class DesiredStateTests
{
    private const string Model = "restart-model";
    private const string Registered = "restart-registered";
    private readonly ConcurrentDictionary<string, byte[]> _store = new();

    [Fact]
    public async Task RestartedCluster_ReloadsTheModelsThatShouldBeLoaded_IncludingRegisteredOnes()
    {
        await using (var first = await StartClusterAsync())
        {
            await first.Client.GetGrain<IModelGrain>(Model).LoadAsync();
            await first.Client.GetGrain<ICatalogGrain>(ICatalogGrain.Key).RegisterAsync(Registered, new ModelOptions { LoadOnDemand = false });
            await first.Client.GetGrain<IModelGrain>(Registered).LoadAsync();
            await StatusWatch.UntilStateAsync(first.Client, Model, ModelState.Ready);
            await StatusWatch.UntilStateAsync(first.Client, Registered, ModelState.Ready);
        }

        await using var second = await StartClusterAsync();

        // Nobody asks for a load: the start-up loader activates the catalog's models and they read their desired state.
        await StatusWatch.UntilStateAsync(second.Client, Model, ModelState.Ready);
        await StatusWatch.UntilStateAsync(second.Client, Registered, ModelState.Ready);
        var unloaded = await second.Client.GetGrain<IModelGrain>(Model).UnloadAsync();
        Assert.Equal(ModelState.Unloading, unloaded.State);
    }

    [Fact]
    public async Task RestartedCluster_KeepsUnloadedWhatWasUnloaded_EvenIfLoadOnStart()
    {
        await using (var first = await StartClusterAsync(loadOnStart: true))
        {
            await StatusWatch.UntilStateAsync(first.Client, Model, ModelState.Ready);
            await first.Client.GetGrain<IModelGrain>(Model).UnloadAsync();
            await StatusWatch.UntilStateAsync(first.Client, Model, ModelState.Unloaded);
        }

        await using var second = await StartClusterAsync(loadOnStart: true);

        Assert.Equal(ModelState.Unloaded, (await second.Client.GetGrain<IModelGrain>(Model).GetStatusAsync()).State);
    }

    [Fact]
    public async Task RestartedCluster_KeepsModelsRegisteredBeforeTheCatalogStoredItsOwnType()
    {
        await using (var first = await StartClusterAsync())
        {
            await first.Client.GetGrain<ICatalogGrain>(ICatalogGrain.Key).RegisterAsync(Registered, new ModelOptions { MaxOutputTokens = 77 });

            // Rewrite the stored catalog as earlier versions wrote it: the options objects themselves.
            var serializer = first.Silos[0].ServiceProvider.GetRequiredService<Serializer>();
            var key = _store.Keys.Single(stored => stored.StartsWith("catalog/", StringComparison.Ordinal));
            var current = Assert.IsType<CatalogState>(serializer.Deserialize<CatalogState>(_store[key]));
            var earlier = new CatalogState { Models = current.Registered.ToDictionary(entry => entry.Key, entry => entry.Value.ToOptions()), Registered = new(StringComparer.Ordinal) };
            _store[key] = serializer.SerializeToArray(earlier);
        }

        await using var second = await StartClusterAsync();

        var model = await second.Client.GetGrain<ICatalogGrain>(ICatalogGrain.Key).GetAsync(Registered);
        Assert.Equal(77, model?.MaxOutputTokens);
        var stored = Assert.IsType<CatalogState>(second.Silos[0].ServiceProvider.GetRequiredService<Serializer>().Deserialize<CatalogState>(_store.Single(entry => entry.Key.StartsWith("catalog/", StringComparison.Ordinal)).Value));
        Assert.Null(stored.Models);
        Assert.Equal(77, stored.Registered[Registered].MaxOutputTokens);
    }

    private async Task<InProcessTestCluster> StartClusterAsync(bool loadOnStart = false)
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSiloHost((_, host) => host.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"Inference:Models:{Model}:LoadOnStart"] = loadOnStart.ToString(),
            [$"Inference:Models:{Model}:LoadOnDemand"] = "false",
            [$"Inference:Models:{Model}:Simulation:LoadSeconds"] = "0.1",
        }));
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddKeyedSingleton<IGrainStorage>(
                InferenceStorage.Name, (services, _) => new SharedGrainStorage(services.GetRequiredService<Serializer>(), _store));
            silo.AddInference();
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }
}
