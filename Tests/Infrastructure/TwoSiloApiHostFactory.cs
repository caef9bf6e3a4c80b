using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Inference.Backends;
using Orleans.Inference.Backends.Simulated;
using Orleans.Inference.Batching;
using Orleans.Inference.Hosting;

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
    /// Activates the model's batch grain on the second silo: it prefers the silo of its first caller, and this call
    /// starts there. Afterwards every request for the model crosses to that silo.
    /// </summary>
    public Task PlaceBatchGrainOnSecondSiloAsync(string modelId) =>
        SecondSilo.GetRequiredService<IGrainFactory>().GetGrain<IBatchGrain>(modelId).GetInFlightAsync();

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
