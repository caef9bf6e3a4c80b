using Orleans.Inference.Backends;

namespace Orleans.Inference.Models;

/// <summary>
/// A model registered at run time, as the catalog persists it: its own type, so that the options class can change with the
/// configuration without changing what is stored. Never renumber an [Id]; a new option gets the next one.
/// </summary>
[GenerateSerializer, Immutable, Alias("models.registered-model")]
public sealed record RegisteredModel(
    [property: Id(0)] BackendKind Backend,
    [property: Id(1)] string? OwnedBy,
    [property: Id(2)] bool LoadOnStart,
    [property: Id(3)] bool LoadOnDemand,
    [property: Id(4)] TimeSpan LoadWaitTimeout,
    [property: Id(5)] int MaxOutputTokens,
    [property: Id(6)] int DefaultMaxTokens,
    [property: Id(7)] TimeSpan? KeepAlive,
    [property: Id(8)] TimeSpan DrainTimeout,
    [property: Id(9)] RegisteredBatching Batching,
    [property: Id(10)] RegisteredSimulation Simulation,
    [property: Id(11)] RegisteredEndpoint OpenAI)
{
    public static RegisteredModel From(ModelOptions model) => new(
        model.Backend, model.OwnedBy, model.LoadOnStart, model.LoadOnDemand, model.LoadWaitTimeout, model.MaxOutputTokens,
        model.DefaultMaxTokens, model.KeepAlive, model.DrainTimeout, RegisteredBatching.From(model.Batching),
        RegisteredSimulation.From(model.Simulation), RegisteredEndpoint.From(model.OpenAI));

    /// <summary>A new options object each time, so no caller can change what the catalog holds.</summary>
    public ModelOptions ToOptions() => new()
    {
        Backend = Backend,
        OwnedBy = OwnedBy,
        LoadOnStart = LoadOnStart,
        LoadOnDemand = LoadOnDemand,
        LoadWaitTimeout = LoadWaitTimeout,
        MaxOutputTokens = MaxOutputTokens,
        DefaultMaxTokens = DefaultMaxTokens,
        KeepAlive = KeepAlive,
        DrainTimeout = DrainTimeout,
        Batching = Batching.ToOptions(),
        Simulation = Simulation.ToOptions(),
        OpenAI = OpenAI.ToOptions(),
    };
}
