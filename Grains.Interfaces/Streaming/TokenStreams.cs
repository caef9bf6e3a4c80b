namespace Orleans.Inference.Streaming;

/// <summary>
/// Where the <see cref="TokenTransport.OrleansStreams"/> transport publishes. Each ApiHost subscribes, once, to a few
/// streams of its own (<c>StreamId.Create(TokenStreams.Namespace, key)</c>) and tells the batch grain which one carries
/// a request's tokens; every <see cref="TokenStreamItem"/> names its request. One stream per request would cost a
/// pub-sub activation and a pub-sub record per request that Orleans' pulling agents never release.
/// </summary>
public static class TokenStreams
{
    /// <summary>The stream provider's name.</summary>
    public const string StreamProvider = "inference-tokens";

    /// <summary>The stream namespace; keys are chosen by the subscribing host.</summary>
    public const string Namespace = "tokens";
}
