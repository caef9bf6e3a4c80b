using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Inference.Backends;
using Orleans.Inference.Backends.Simulated;
using Orleans.Inference.Batching;
using Orleans.Core.Internal;
using Orleans.Inference.Hosting;
using Orleans.Inference.Models;
using Orleans.Runtime.Placement;

namespace Orleans.Inference.Tests.Infrastructure;

/// <summary>
/// The ApiHost plus a second silo in its cluster, a plain silo host as the Silo project runs, so a model's batch grain
/// can live on the other silo and its tokens cross silos on their way to the HTTP client.
/// </summary>
public class TwoSiloApiHostFactory : ApiHostFactory
{
    private IHost? _second;

    /// <summary>The second silo's services.</summary>
    public IServiceProvider SecondSilo => _second!.Services;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(Settings);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Orleans:SiloPort"] = FreePort().ToString(),
            ["Orleans:GatewayPort"] = FreePort().ToString(),
            ["Orleans:PrimarySiloPort"] = SiloPort.ToString(),
        });
        builder.UseOrleans(silo => silo.UseInferenceClustering().AddInference());
        _second = builder.Build();
        await _second.StartAsync();
    }

    public override async Task DisposeAsync()
    {
        if (_second is not null)
        {
            await _second.StopAsync();
            _second.Dispose();
        }

        await base.DisposeAsync();
    }

    /// <summary>
    /// Moves the model to the second silo: its model grain migrates there and loads the model again, and its batch grain
    /// follows it on its own (it moves beside its model once it finds the model ready elsewhere). Afterwards every request
    /// for the model crosses to that silo.
    /// </summary>
    public async Task PlaceModelOnSecondSiloAsync(string modelId)
    {
        var second = SecondSilo.GetRequiredService<ILocalSiloDetails>().SiloAddress;
        await MoveModelAsync(modelId, second);
        await WaitForBatchGrainOnAsync(modelId, second, TimeSpan.FromSeconds(10));
    }

    /// <summary>Migrates the model's grain to <paramref name="silo"/> and waits until the model is ready there.</summary>
    public async Task MoveModelAsync(string modelId, SiloAddress silo)
    {
        await MoveModelGrainAsync(modelId, silo);
        await Grains.GetGrain<IModelGrain>(modelId).EnsureReadyAsync(CancellationToken.None);
    }

    /// <summary>
    /// Migrates the model's grain to <paramref name="silo"/> and returns once it is there, before the model is ready there
    /// (it loads again when next asked); its batch grain stays where it was until it follows.
    /// </summary>
    public async Task MoveModelGrainAsync(string modelId, SiloAddress silo)
    {
        var model = Grains.GetGrain<IModelGrainControl>(modelId);
        if ((await model.GetSiloAsync()).Equals(silo)) return;
        RequestContext.Set(IPlacementDirector.PlacementHintKey, silo);
        try
        {
            await model.AsReference<IGrainManagementExtension>().MigrateOnIdle();
        }
        finally
        {
            RequestContext.Clear();
        }

        await HttpJson.EventuallyAsync(async () => (await model.GetSiloAsync()).Equals(silo), TimeSpan.FromSeconds(30), $"{modelId} moves to {silo}");
    }

    /// <summary>Waits, without touching it, until the model's batch grain is active on <paramref name="silo"/> alone.</summary>
    public async Task WaitForBatchGrainOnAsync(string modelId, SiloAddress silo, TimeSpan within)
    {
        var batch = Grains.GetGrain<IBatchGrain>(modelId).GetGrainId();
        await HttpJson.EventuallyAsync(async () =>
        {
            var activations = await Grains.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
            return activations.Where(s => s.GrainId == batch).Select(s => s.SiloAddress).SequenceEqual([silo]);
        }, within, $"the batch grain of {modelId} follows it to {silo}");
    }

    /// <summary>Forward passes the model's simulated engine has run on the second silo.</summary>
    public long SecondSiloStepsOf(string modelId) =>
        (SecondSilo.GetRequiredService<BackendProvider>().Find(modelId) as SimulatedBackend)?.Steps ?? 0;
}

/// <summary>Two silos with the GrainCall transport.</summary>
public sealed class GrainCallTwoSiloFactory : TwoSiloApiHostFactory;

/// <summary>Two silos with the OrleansStreams transport.</summary>
public sealed class OrleansStreamsTwoSiloFactory : TwoSiloApiHostFactory
{
    protected override void AddSettings(Dictionary<string, string?> settings) =>
        settings["Inference:Streaming:Transport"] = "OrleansStreams";
}

[CollectionDefinition(Name)]
public sealed class GrainCallTwoSiloCollection : ICollectionFixture<GrainCallTwoSiloFactory>
{
    public const string Name = "two-silo-grain-call";
}

[CollectionDefinition(Name)]
public sealed class OrleansStreamsTwoSiloCollection : ICollectionFixture<OrleansStreamsTwoSiloFactory>
{
    public const string Name = "two-silo-orleans-streams";
}
