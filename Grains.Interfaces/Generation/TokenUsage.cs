namespace Orleans.Inference.Generation;

/// <summary>Token counts of one sequence.</summary>
[GenerateSerializer, Immutable, Alias("generation.usage")]
public sealed record TokenUsage(
    [property: Id(0)] int PromptTokens,
    [property: Id(1)] int CompletionTokens)
{
    /// <summary>Prompt and completion tokens together.</summary>
    public int TotalTokens => PromptTokens + CompletionTokens;
}
