namespace Orleans.Inference.Backends.Http;

/// <summary>How a request picks one of an endpoint's healthy replicas.</summary>
public enum ReplicaSelection
{
    /// <summary>Two replicas at random, the one with fewer requests in flight: near least-loaded without a herd on one replica.</summary>
    PowerOfTwoChoices = 0,

    /// <summary>The replica with the fewest requests in flight.</summary>
    LeastOutstanding = 1,
}
