namespace Orleans.Inference.Models;

/// <summary>A snapshot of a model's lifecycle.</summary>
/// <param name="ModelId">The model's id.</param>
/// <param name="State">Its state.</param>
/// <param name="Progress">Load progress, 0 to 100.</param>
/// <param name="Stage">What the load is doing now, for people.</param>
/// <param name="Error">Why the last load failed, when <see cref="State"/> is Failed.</param>
/// <param name="EstimatedRemaining">What is left of a load under way, by the backend's estimate.</param>
[GenerateSerializer, Immutable, Alias("models.status")]
public sealed record ModelStatus(
    [property: Id(0)] string ModelId,
    [property: Id(1)] ModelState State,
    [property: Id(2)] int Progress = 0,
    [property: Id(3)] string? Stage = null,
    [property: Id(4)] string? Error = null,
    [property: Id(5)] TimeSpan? EstimatedRemaining = null);
