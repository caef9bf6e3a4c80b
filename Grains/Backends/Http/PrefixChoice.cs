namespace Orleans.Inference.Backends.Http;

/// <summary>The replica prefix affinity chose for a request, and how.</summary>
internal readonly record struct PrefixChoice(int Replica, PrefixRouting How);
