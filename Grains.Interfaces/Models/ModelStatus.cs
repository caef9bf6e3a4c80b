namespace Orleans.Inference.Models;

/// <summary>A snapshot of a model's lifecycle.</summary>
/// <param name="ModelId">The model's id.</param>
/// <param name="State">Its state.</param>
/// <param name="Progress">Load progress, 0 to 100.</param>
/// <param name="Stage">What the load is doing now, for people.</param>
/// <param name="Error">Why the last load failed, when <see cref="State"/> is Failed.</param>
/// <param name="EstimatedRemaining">What is left of a load under way, by the backend's estimate.</param>
/// <param name="LoadedAt">When the model last became ready.</param>
/// <param name="LastUsed">When a request last reached the model.</param>
/// <param name="InFlight">Requests queued or running in the model's batch grain (filled in by status queries).</param>
/// <param name="Sequence">Grows with every change, so a consumer that mixes a snapshot and events can drop stale ones.</param>
/// <param name="Silo">The silo the model's grain (and so its loaded instance and batch grain) lives on.</param>
[GenerateSerializer, Immutable, Alias("models.status")]
public sealed record ModelStatus(
    [property: Id(0)] string ModelId,
    [property: Id(1)] ModelState State,
    [property: Id(2)] int Progress = 0,
    [property: Id(3)] string? Stage = null,
    [property: Id(4)] string? Error = null,
    [property: Id(5)] TimeSpan? EstimatedRemaining = null,
    [property: Id(6)] DateTimeOffset? LoadedAt = null,
    [property: Id(7)] DateTimeOffset? LastUsed = null,
    [property: Id(8)] int InFlight = 0,
    [property: Id(9)] long Sequence = 0,
    [property: Id(10)] string? Silo = null)
{
    /// <summary>True when nothing is under way: Unloaded, Ready or Failed.</summary>
    public bool IsSettled => State is ModelState.Unloaded or ModelState.Ready or ModelState.Failed;
}
