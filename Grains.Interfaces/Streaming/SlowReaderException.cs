namespace Orleans.Inference.Streaming;

/// <summary>
/// A streamed request's reader fell more than <see cref="StreamingOptions.MaxBufferedTokens"/> tokens behind, so its
/// sequence was cancelled; the rest of its batch goes on.
/// </summary>
[GenerateSerializer, Alias("streaming.slow-reader")]
public sealed class SlowReaderException(int bufferedTokens)
    : Exception($"The client read too slowly: {bufferedTokens} tokens were waiting for it, so the stream was cancelled.")
{
    /// <summary>Tokens that were waiting when the sequence was cancelled.</summary>
    [Id(0)]
    public int BufferedTokens { get; } = bufferedTokens;
}
