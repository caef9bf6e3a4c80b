using Orleans.Inference.Models;

namespace Orleans.Inference.Backends.Http;

/// <summary>What makes a backend endpoint unworkable, found at start-up rather than on the first request.</summary>
internal static class BackendValidation
{
    public static IEnumerable<string> Problems(string name, BackendEndpointOptions endpoint)
    {
        var at = $"{InferenceOptions.SectionName}:Backends:{name}";
        if (endpoint.Replicas.Count == 0) yield return $"{at}:Replicas must list at least one base URL.";
        foreach (var url in endpoint.Replicas)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
                yield return $"{at}:Replicas: '{url}' is not an http:// or https:// URL.";
        }

        if (!Enum.IsDefined(endpoint.Selection)) yield return $"{at}:Selection must be PowerOfTwoChoices, LeastOutstanding or PrefixAffinity.";
        if (endpoint.PrefixBlockChars < 16) yield return $"{at}:PrefixBlockChars must be at least 16.";
        if (!Enum.IsDefined(endpoint.PrefixArrays)) yield return $"{at}:PrefixArrays must be Split or Majority.";
        if (endpoint.PrefixCacheEntries < 1) yield return $"{at}:PrefixCacheEntries must be positive.";
        if (!(endpoint.PrefixLoadEpsilon >= 0 && double.IsFinite(endpoint.PrefixLoadEpsilon))) yield return $"{at}:PrefixLoadEpsilon must be 0 or more.";
        var pool = endpoint.Pool;
        if (pool.MaxConnectionsPerServer < 1) yield return $"{at}:Pool:MaxConnectionsPerServer must be at least 1.";
        if (pool.WarmConnections < 0) yield return $"{at}:Pool:WarmConnections must not be negative.";
        if (pool.PooledConnectionLifetime < TimeSpan.Zero || pool.PooledConnectionIdleTimeout < TimeSpan.Zero || pool.ConnectTimeout <= TimeSpan.Zero)
            yield return $"{at}:Pool: lifetimes must not be negative and ConnectTimeout must be positive.";
        var resilience = endpoint.Resilience;
        if (resilience.MaxRetries < 0) yield return $"{at}:Resilience:MaxRetries must not be negative.";
        if (resilience.StreamIdleTimeout <= TimeSpan.Zero) yield return $"{at}:Resilience:StreamIdleTimeout must be positive.";
        if (resilience.AttemptTimeout <= TimeSpan.Zero || resilience.RetryDelay < TimeSpan.Zero || resilience.MaxRetryAfter < TimeSpan.Zero)
            yield return $"{at}:Resilience: AttemptTimeout must be positive, RetryDelay and MaxRetryAfter not negative.";
        if (resilience.FailureRatio is <= 0 or > 1) yield return $"{at}:Resilience:FailureRatio must be above 0 and at most 1.";
        if (resilience.MinimumThroughput < 2) yield return $"{at}:Resilience:MinimumThroughput must be at least 2.";
        if (resilience.SamplingDuration < TimeSpan.FromMilliseconds(500) || resilience.BreakDuration < TimeSpan.FromMilliseconds(500))
            yield return $"{at}:Resilience: SamplingDuration and BreakDuration must be at least 0.5 s.";
    }
}
