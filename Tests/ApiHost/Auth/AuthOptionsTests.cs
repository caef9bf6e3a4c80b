using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Orleans.Inference.ApiHost.Auth;
using Orleans.Inference.Generation;

namespace Orleans.Inference.Tests.ApiHost.Auth;

/// <summary>The Auth section as configuration gives it, the validator's verdicts, and the key ring's comparisons.</summary>
public sealed class AuthOptionsTests
{
    [Fact]
    public void BindKeys_StringsAndObjects_ReadsEveryKeyInOrderWithItsLimits()
    {
        var options = Bind(Configuration(new()
        {
            ["Auth:ApiKeys:0"] = "sk-plain-0123456789",
            ["Auth:ApiKeys:1:Key"] = "sk-object-0123456789",
            ["Auth:ApiKeys:1:Name"] = "batch-jobs",
            ["Auth:ApiKeys:1:RequestsPerSecond"] = "2.5",
            ["Auth:ApiKeys:1:ConcurrentRequests"] = "4",
            ["Auth:ApiKeys:2"] = "sk-plain-after-an-object",
            ["Auth:AdminKeys:0"] = "sk-admin-0123456789",
            ["Auth:RateLimits:RequestsPerSecond"] = "10",
        }));

        Assert.Equal(["sk-plain-0123456789", "sk-object-0123456789", "sk-plain-after-an-object"], options.ApiKeys.Select(key => key.Key));
        Assert.Equal("batch-jobs", options.ApiKeys[1].Name);
        Assert.Equal(2.5, options.ApiKeys[1].RequestsPerSecond);
        Assert.Null(options.ApiKeys[0].RequestsPerSecond);
        Assert.Equal("sk-admin-0123456789", Assert.Single(options.AdminKeys).Key);
        Assert.True(options.Enabled);
    }

    [Fact]
    public void BindKeys_ListGivenAsOneValue_IsOneKeyNotNone()
    {
        var configuration = Configuration(new() { ["Auth:ApiKeys"] = "sk-single-0123456789" });

        Assert.True(AuthOptions.IsConfigured(configuration));
        Assert.Equal("sk-single-0123456789", Assert.Single(Bind(configuration).ApiKeys).Key);
    }

    [Fact]
    public void IsConfigured_NoKeysButLimits_IsFalse()
    {
        var configuration = Configuration(new() { ["Auth:RateLimits:RequestsPerSecond"] = "5", ["Auth:ProtectMetrics"] = "true" });

        Assert.False(AuthOptions.IsConfigured(configuration));
        Assert.False(Bind(configuration).Enabled);
    }

    [Fact]
    public void KeyLimits_KeySettingsOverDefaults_ResolveWithBurstOfOneSecond()
    {
        var defaults = new RateLimitOptions { RequestsPerSecond = 2.5, ConcurrentRequests = 8 };

        Assert.Equal(new KeyLimits(2.5, 3, 8), KeyLimits.Resolve(new ApiKeyOptions(), defaults));
        Assert.Equal(new KeyLimits(0, 1, 8), KeyLimits.Resolve(new ApiKeyOptions { RequestsPerSecond = 0 }, defaults));
        Assert.Equal(new KeyLimits(0.01, 5, 0), KeyLimits.Resolve(new ApiKeyOptions { RequestsPerSecond = 0.01, Burst = 5, ConcurrentRequests = 0 }, defaults));
        Assert.False(KeyLimits.Resolve(new ApiKeyOptions(), new RateLimitOptions()).IsLimited);
    }

    [Fact]
    public void Validator_BadKeysAndLimits_FailsNamingPositionsButNeverAKey()
    {
        var secret = "sk-secret-0123456789";
        var options = new AuthOptions
        {
            ApiKeys =
            [
                new ApiKeyOptions { Key = secret },
                new ApiKeyOptions { Key = "" },
                new ApiKeyOptions { Key = "sk-has a-space", Name = "spaced" },
                new ApiKeyOptions { Key = "sk-other-0123456789", Name = "twice", RequestsPerSecond = -1, Burst = -2, ConcurrentRequests = -3 },
            ],
            AdminKeys = [new ApiKeyOptions { Key = secret, Name = "twice" }],
            RateLimits = new RateLimitOptions { RequestsPerSecond = 0.0001 },
        };

        var result = new AuthOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        var failures = result.Failures!.ToList();
        Assert.Contains("Auth:ApiKeys:1 has no key.", failures);
        Assert.Contains(failures, failure => failure.StartsWith("Auth:ApiKeys:2 (spaced) contains whitespace", StringComparison.Ordinal));
        Assert.Contains("Auth:AdminKeys:0 (twice) has the same key as Auth:ApiKeys:0.", failures);
        Assert.Contains("Auth:AdminKeys:0: the name 'twice' is taken by another key.", failures);
        Assert.Contains("Auth:ApiKeys:3:RequestsPerSecond must be 0 (no limit) or at least 0.001.", failures);
        Assert.Contains("Auth:ApiKeys:3:Burst must not be negative.", failures);
        Assert.Contains("Auth:ApiKeys:3:ConcurrentRequests must be 0 (no limit) or positive.", failures);
        Assert.Contains("Auth:RateLimits:RequestsPerSecond must be 0 (no limit) or at least 0.001.", failures);
        Assert.DoesNotContain(failures, failure => failure.Contains("sk-", StringComparison.Ordinal));
        Assert.Equal("twice", options.AdminKeys[0].ToString());
    }

    [Fact]
    public void Validator_GoodKeys_Succeeds()
    {
        var options = new AuthOptions { ApiKeys = [new ApiKeyOptions { Key = "sk-a-0123456789" }], AdminKeys = [new ApiKeyOptions { Key = "sk-b-0123456789" }] };

        Assert.True(new AuthOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void ApiKeyRing_KeyWithWeightAndPriority_IsThatTenantOfTheQueues_OthersTheirNameWithDefaults()
    {
        var options = Bind(Configuration(new()
        {
            ["Auth:ApiKeys:0:Key"] = "sk-chat-0123456789",
            ["Auth:ApiKeys:0:Name"] = "chat",
            ["Auth:ApiKeys:0:Weight"] = "3",
            ["Auth:ApiKeys:0:Priority"] = "Interactive",
            ["Auth:ApiKeys:1"] = "sk-plain-0123456789",
        }));

        var ring = new ApiKeyRing(Options.Create(options));

        Assert.Equal(new Tenant("chat", 3, TenantPriority.Interactive), ring.Identities[0].Tenant);
        Assert.Equal(new Tenant("api-key-2", 1, TenantPriority.Standard), ring.Identities[1].Tenant);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public void Validator_WeightOutOfRange_FailsNamingTheKey(int weight)
    {
        var options = new AuthOptions { ApiKeys = [new ApiKeyOptions { Key = "sk-a-0123456789", Name = "team-a", Weight = weight }] };

        var result = new AuthOptionsValidator().Validate(null, options);

        Assert.Contains("Auth:ApiKeys:0 (team-a): Weight must be from 1 to 1000.", result.Failures!);
    }

    [Fact]
    public void ApiKeyRing_Find_MatchesWholeKeysOnlyAndKnowsAdmins()
    {
        var longKey = new string('k', 300); // past the stack buffer: hashed from a rented one
        var ring = new ApiKeyRing(Options.Create(new AuthOptions
        {
            ApiKeys = [new ApiKeyOptions { Key = "sk-inference-0123" }, new ApiKeyOptions { Key = longKey, Name = "long" }],
            AdminKeys = [new ApiKeyOptions { Key = "sk-admin-0123" }],
        }));

        Assert.Equal("api-key-1", ring.Find("sk-inference-0123")?.Identity?.Name);
        Assert.Equal("long", ring.Find(longKey)?.Identity?.Name);
        var admin = ring.Find("sk-admin-0123");
        Assert.True(admin?.IsInRole(AuthPolicies.Admin));
        Assert.True(admin?.IsInRole(AuthPolicies.Inference));
        Assert.False(ring.Find("sk-inference-0123")!.IsInRole(AuthPolicies.Admin));
        Assert.Null(ring.Find("sk-inference-012"));
        Assert.Null(ring.Find("sk-inference-01234"));
        Assert.Null(ring.Find("SK-INFERENCE-0123"));
        Assert.Null(ring.Find(""));
        Assert.Null(ring.Find(longKey + "k"));
    }

    private static IConfiguration Configuration(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

    private static AuthOptions Bind(IConfiguration configuration)
    {
        var options = configuration.GetSection(AuthOptions.SectionName).Get<AuthOptions>() ?? new AuthOptions();
        options.BindKeys(configuration);
        return options;
    }
}
