namespace Orleans.Inference.Backends.Http;

/// <summary>How a request picks one of an endpoint's healthy replicas.</summary>
public enum ReplicaSelection
{
    /// <summary>Two replicas at random, the one with fewer requests in flight: near least-loaded without a herd on one replica.</summary>
    PowerOfTwoChoices = 0,

    /// <summary>The replica with the fewest requests in flight.</summary>
    LeastOutstanding = 1,

    /// <summary>
    /// The replica whose KV cache likely holds the longest prefix of the prompt (the one that last served it), within a
    /// load bound; see <see cref="PrefixRouter"/>. For servers with prefix caching (vLLM, llama.cpp, SGLang).
    /// </summary>
    PrefixAffinity = 2,
}
