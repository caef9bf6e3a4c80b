using Orleans.Inference.Generation;

namespace Orleans.Inference.Streaming;

/// <summary>
/// One message on a token stream: a chunk of one request's tokens, or the error that ends that request. A stream has no
/// return value to fail, so a failure after the first token travels in the stream, in order after the tokens before it.
/// </summary>
/// <param name="RequestId">The request the message belongs to; a host's stream carries many requests.</param>
/// <param name="Chunk">Tokens; the last chunk of a sequence is final.</param>
/// <param name="Error">Why the sequence failed; the request ends with it.</param>
[GenerateSerializer, Immutable, Alias("streaming.token-stream-item")]
public sealed record TokenStreamItem(
    [property: Id(0)] Guid RequestId,
    [property: Id(1)] TokenChunk? Chunk,
    [property: Id(2)] Exception? Error = null);
