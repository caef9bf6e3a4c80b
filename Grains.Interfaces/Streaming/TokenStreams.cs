namespace Orleans.Inference.Streaming;

/// <summary>
/// Where the <see cref="TokenTransport.OrleansStreams"/> transport publishes: one stream per request, id
/// <c>StreamId.Create(TokenStreams.Namespace, requestId)</c>, carrying <see cref="TokenStreamItem"/>s.
/// </summary>
public static class TokenStreams
{
    /// <summary>The stream provider's name.</summary>
    public const string StreamProvider = "inference-tokens";

    /// <summary>The stream namespace; the key is the request's id.</summary>
    public const string Namespace = "tokens";
}
