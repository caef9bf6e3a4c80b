namespace Orleans.Inference.Generation;

/// <summary>The whole result of one sequence.</summary>
[GenerateSerializer, Immutable, Alias("generation.result")]
public sealed record InferenceResult(
    [property: Id(0)] string Text,
    [property: Id(1)] FinishReason FinishReason,
    [property: Id(2)] TokenUsage Usage);
