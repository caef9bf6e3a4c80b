namespace Orleans.Inference.Backends;

/// <summary>How much of one backend endpoint answers.</summary>
/// <param name="Reachable">Replicas that answered.</param>
/// <param name="Replicas">Replicas configured.</param>
public readonly record struct BackendReach(int Reachable, int Replicas);
