namespace Orleans.Inference.ApiHost.Auth;

/// <summary>What the gateway says about its keys, at start only: never a key, and nothing per request.</summary>
internal static partial class AuthLog
{
    [LoggerMessage(EventId = 3200, Level = LogLevel.Information,
        Message = "API keys required: {InferenceKeys} inference key(s), {AdminKeys} admin key(s); {LimitedKeys} key(s) rate limited; metrics {Metrics}, health {Health}")]
    public static partial void Enabled(ILogger logger, int inferenceKeys, int adminKeys, int limitedKeys, string metrics, string health);

    [LoggerMessage(EventId = 3201, Level = LogLevel.Warning,
        Message = "No admin key is configured (Auth:AdminKeys): the admin API refuses every request, and the dashboard cannot load or unload models")]
    public static partial void NoAdminKey(ILogger logger);

    [LoggerMessage(EventId = 3202, Level = LogLevel.Warning,
        Message = "Auth:RateLimits is set but no key is configured (Auth:ApiKeys, Auth:AdminKeys): limits are per key, so nothing is limited")]
    public static partial void LimitsWithoutKeys(ILogger logger);
}
