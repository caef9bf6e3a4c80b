namespace Orleans.Inference.Generation;

/// <summary>
/// A piece of a streamed sequence: one or more tokens that were ready together.
/// The last chunk of a sequence carries <see cref="FinishReason"/> and <see cref="Usage"/>.
/// </summary>
/// <param name="Text">The text of the tokens, possibly empty on the last chunk.</param>
/// <param name="TokenCount">How many tokens <paramref name="Text"/> holds.</param>
/// <param name="FinishReason">Set on the last chunk only.</param>
/// <param name="Usage">Set on the last chunk only.</param>
[GenerateSerializer, Immutable, Alias("generation.chunk")]
public sealed record TokenChunk(
    [property: Id(0)] string Text,
    [property: Id(1)] int TokenCount,
    [property: Id(2)] FinishReason? FinishReason = null,
    [property: Id(3)] TokenUsage? Usage = null)
{
    /// <summary>True on the chunk that ends the sequence.</summary>
    public bool IsFinal => FinishReason is not null;
}
