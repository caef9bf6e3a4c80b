namespace Orleans.Inference.ApiHost.Auth;

/// <summary>One key's limits on <c>/v1/*</c>, its own settings over <c>Auth:RateLimits</c>'s; 0 is no limit.</summary>
/// <param name="RequestsPerSecond">Sustained rate of the key's token bucket.</param>
/// <param name="Burst">The bucket's size: requests the key may send at once.</param>
/// <param name="ConcurrentRequests">Requests of the key in progress at once.</param>
internal readonly record struct KeyLimits(double RequestsPerSecond, int Burst, int ConcurrentRequests)
{
    public bool LimitsRate => RequestsPerSecond > 0;

    public bool LimitsConcurrency => ConcurrentRequests > 0;

    public bool IsLimited => LimitsRate || LimitsConcurrency;

    public static KeyLimits Resolve(ApiKeyOptions key, RateLimitOptions defaults)
    {
        var rate = key.RequestsPerSecond ?? defaults.RequestsPerSecond;
        var burst = key.Burst ?? defaults.Burst;
        return new KeyLimits(rate, burst > 0 ? burst : Math.Max(1, (int)Math.Ceiling(rate)), key.ConcurrentRequests ?? defaults.ConcurrentRequests);
    }
}
