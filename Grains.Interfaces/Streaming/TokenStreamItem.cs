using Orleans.Inference.Generation;

namespace Orleans.Inference.Streaming;

/// <summary>
/// One message on a request's token stream: a chunk, or the error that ends the stream. A stream has no return value
/// to fail, so a failure after the first token travels in the stream, in order after the tokens before it.
/// </summary>
/// <param name="Chunk">Tokens; the last chunk of a sequence is final.</param>
/// <param name="Error">Why the sequence failed; the stream ends with it.</param>
[GenerateSerializer, Immutable, Alias("streaming.token-stream-item")]
public sealed record TokenStreamItem(
    [property: Id(0)] TokenChunk? Chunk,
    [property: Id(1)] Exception? Error = null);
