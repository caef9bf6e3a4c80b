using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Inference.Hosting;

namespace Orleans.Inference.Tests.Infrastructure;

/// <summary>
/// The ApiHost with keys that have cluster-wide quotas, on a quota clock held at 20 s past a minute (the inference clock
/// and Orleans' run as usual): a test's requests all fall in one minute until it moves the clock.
/// </summary>
public sealed class QuotaApiHostFactory : ApiHostFactory
{
    /// <summary>Three requests a minute.</summary>
    public const string RequestsKey = "sk-test-quota-requests-2b7d";

    /// <summary>200 tokens a minute.</summary>
    public const string TokensKey = "sk-test-quota-tokens-9e1c";

    /// <summary>No quota: its responses carry no rate-limit headers.</summary>
    public const string FreeKey = "sk-test-quota-free-4a6f";

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 12, 7, 12, 0, 20, TimeSpan.Zero));

    /// <summary>Moves the quota clock to 20 s past the next minute: a test starts with every key's minute untouched.</summary>
    public void NextMinute()
    {
        var now = Clock.GetUtcNow();
        Clock.SetUtcNow(new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 20, TimeSpan.Zero).AddMinutes(1));
    }

    /// <summary>A client that sends <paramref name="key"/> as a bearer token; the caller disposes it.</summary>
    public HttpClient ClientFor(string key)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new("Bearer", key);
        return client;
    }

    protected override void AddSettings(Dictionary<string, string?> settings)
    {
        settings["Auth:ApiKeys:0:Key"] = RequestsKey;
        settings["Auth:ApiKeys:0:Name"] = "three-a-minute";
        settings["Auth:ApiKeys:0:RequestsPerMinute"] = "3";
        settings["Auth:ApiKeys:1:Key"] = TokensKey;
        settings["Auth:ApiKeys:1:Name"] = "200-tokens-a-minute";
        settings["Auth:ApiKeys:1:TokensPerMinute"] = "200";
        settings["Auth:ApiKeys:2:Key"] = FreeKey;
        settings["Auth:ApiKeys:2:Name"] = "free";
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddKeyedSingleton<TimeProvider>(QuotaTime.Key, Clock));
    }
}

[CollectionDefinition(Name)]
public sealed class QuotaApiHostCollection : ICollectionFixture<QuotaApiHostFactory>
{
    public const string Name = "apihost-quotas";
}
