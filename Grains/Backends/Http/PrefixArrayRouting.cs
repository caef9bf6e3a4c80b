namespace Orleans.Inference.Backends.Http;

/// <summary>
/// Where <see cref="ReplicaSelection.PrefixAffinity"/> sends an array batch of completions (array batching) whose prompts
/// prefer different replicas.
/// </summary>
public enum PrefixArrayRouting
{
    /// <summary>One array request per preferred replica: every prompt meets its cached prefix, at the cost of more requests.</summary>
    Split = 0,

    /// <summary>
    /// The whole array to the replica most of its prompts prefer: one request, the other prompts prefilled from scratch
    /// there (and remembered there from then on).
    /// </summary>
    Majority = 1,
}
