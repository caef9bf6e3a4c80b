namespace Orleans.Inference.Generation;

/// <summary>How a sequence is sampled and when it stops.</summary>
/// <param name="MaxTokens">Upper bound on generated tokens.</param>
/// <param name="Temperature">Sampling temperature (0-2); null means the backend's default.</param>
/// <param name="TopP">Nucleus sampling mass (0-1]; null means the backend's default.</param>
/// <param name="Stop">Up to four sequences that end generation; the matched text is not returned.</param>
/// <param name="Seed">Seed for reproducible sampling; null means the backend's default.</param>
[GenerateSerializer, Immutable, Alias("generation.sampling")]
public sealed record SamplingParameters(
    [property: Id(0)] int MaxTokens,
    [property: Id(1)] float? Temperature = null,
    [property: Id(2)] float? TopP = null,
    [property: Id(3)] string[]? Stop = null,
    [property: Id(4)] long? Seed = null);
