namespace Orleans.Inference.Tests.Infrastructure;

/// <summary>
/// The ApiHost with admin keys only, metrics and health behind keys, and default rate limits (2 at once, then one
/// every 100 s) that one key keeps and the other turns off.
/// </summary>
public sealed class LockedDownApiHostFactory : ApiHostFactory
{
    /// <summary>Under the default limits.</summary>
    public const string LimitedAdminKey = "sk-test-locked-admin-2d6f0a8c4e1b";

    /// <summary>Sets RequestsPerSecond 0: no limit, whatever the defaults.</summary>
    public const string UnlimitedAdminKey = "sk-test-locked-unlimited-9b3e5c7a1d0f";

    public const int DefaultBurst = 2;

    protected override void AddSettings(Dictionary<string, string?> settings)
    {
        settings["Auth:AdminKeys:0"] = LimitedAdminKey;
        settings["Auth:AdminKeys:1:Key"] = UnlimitedAdminKey;
        settings["Auth:AdminKeys:1:RequestsPerSecond"] = "0";
        settings["Auth:RateLimits:RequestsPerSecond"] = "0.01";
        settings["Auth:RateLimits:Burst"] = DefaultBurst.ToString();
        settings["Auth:ProtectMetrics"] = "true";
        settings["Auth:ProtectHealth"] = "true";
    }
}

[CollectionDefinition(Name)]
public sealed class LockedDownApiHostCollection : ICollectionFixture<LockedDownApiHostFactory>
{
    public const string Name = "apihost-locked-down";
}
