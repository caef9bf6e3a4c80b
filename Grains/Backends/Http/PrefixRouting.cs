namespace Orleans.Inference.Backends.Http;

/// <summary>How prefix affinity chose a replica.</summary>
internal enum PrefixRouting
{
    /// <summary>The replica that last served the longest matching prefix.</summary>
    Matched,

    /// <summary>No prefix matched: the replica rendezvous hashing of the first block chose.</summary>
    Hashed,

    /// <summary>The preferred replica was past the load bound: the least loaded one.</summary>
    Overloaded,
}
