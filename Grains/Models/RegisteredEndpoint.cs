using Orleans.Inference.Backends;

namespace Orleans.Inference.Models;

/// <summary>Where a registered model is served over HTTP, as the catalog persists it (see <see cref="RegisteredModel"/>).</summary>
[GenerateSerializer, Immutable, Alias("models.registered-endpoint")]
public sealed record RegisteredEndpoint(
    [property: Id(0)] string? Endpoint,
    [property: Id(1)] string? Model,
    [property: Id(2)] bool ArrayBatching,
    [property: Id(3)] bool ContinuousUsageStats,
    [property: Id(4)] bool WarmUp)
{
    public static RegisteredEndpoint From(OpenAIModelOptions openAI) =>
        new(openAI.Endpoint, openAI.Model, openAI.ArrayBatching, openAI.ContinuousUsageStats, openAI.WarmUp);

    public OpenAIModelOptions ToOptions() => new()
    {
        Endpoint = Endpoint,
        Model = Model,
        ArrayBatching = ArrayBatching,
        ContinuousUsageStats = ContinuousUsageStats,
        WarmUp = WarmUp,
    };
}
