namespace Orleans.Inference.Generation;

/// <summary>Why a sequence ended.</summary>
[GenerateSerializer, Alias("generation.finish-reason")]
public enum FinishReason
{
    /// <summary>The token limit was reached.</summary>
    Length = 0,

    /// <summary>A stop sequence or the end of text was produced.</summary>
    Stop = 1,

    /// <summary>The caller cancelled the sequence.</summary>
    Cancelled = 2,
}
