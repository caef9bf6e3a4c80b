
namespace Orleans.Inference.ApiHost.Auth;

/// <summary>
/// API keys and their limits (section <c>Auth</c>). With no key configured the gateway is open, as in the embedded
/// default; with any key, <c>/v1/*</c> needs a key and <c>/admin/*</c> an admin key. Keys are read at start.
/// </summary>
public sealed class AuthOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Auth";

    /// <summary>
    /// Inference keys: each may call <c>/v1/*</c>. An entry is the key itself (<c>Auth:ApiKeys:0=sk-...</c>) or an object
    /// with <see cref="ApiKeyOptions.Key"/>, a name and its own limits.
    /// </summary>
    public List<ApiKeyOptions> ApiKeys { get; set; } = [];

    /// <summary>Admin keys: each may call <c>/admin/*</c> and everything an inference key may.</summary>
    public List<ApiKeyOptions> AdminKeys { get; set; } = [];

    /// <summary>The limits of every key that sets none of its own. Off by default.</summary>
    public RateLimitOptions RateLimits { get; set; } = new();

    /// <summary>When true, <c>/metrics</c> and <c>/dashboard/stats</c> need a key too (any key); open by default.</summary>
    public bool ProtectMetrics { get; set; }

    /// <summary>When true, <c>/health/live</c> and <c>/health/ready</c> need a key (any key); open by default, for load balancers.</summary>
    public bool ProtectHealth { get; set; }

    /// <summary>True when any key is configured: only then does the gateway ask for keys (and pay for checking them).</summary>
    public bool Enabled => ApiKeys.Count > 0 || AdminKeys.Count > 0;

    /// <summary>Every key, inference keys first: whether it is an admin key, where it is configured, and the name it goes by.</summary>
    internal IEnumerable<(ApiKeyOptions Key, bool Admin, string Path, string Name)> AllKeys()
    {
        for (var i = 0; i < ApiKeys.Count; i++) yield return (ApiKeys[i], false, $"{SectionName}:{nameof(ApiKeys)}:{i}", ApiKeys[i].Name ?? $"api-key-{i + 1}");
        for (var i = 0; i < AdminKeys.Count; i++) yield return (AdminKeys[i], true, $"{SectionName}:{nameof(AdminKeys)}:{i}", AdminKeys[i].Name ?? $"admin-key-{i + 1}");
    }

    /// <summary>
    /// Reads both key lists entry by entry, an entry with children as an object and any other as the key itself: the
    /// configuration binder alone skips plain string entries, so this runs after it and replaces what it read. A list
    /// given as one value (<c>Auth__ApiKeys=sk-...</c>) is one key, not silently none.
    /// </summary>
    internal void BindKeys(IConfiguration configuration)
    {
        ApiKeys = Read(configuration.GetSection($"{SectionName}:{nameof(ApiKeys)}"));
        AdminKeys = Read(configuration.GetSection($"{SectionName}:{nameof(AdminKeys)}"));

        static List<ApiKeyOptions> Read(IConfigurationSection keys)
        {
            var entries = keys.GetChildren().ToList();
            if (entries.Count == 0) return string.IsNullOrEmpty(keys.Value) ? [] : [new ApiKeyOptions { Key = keys.Value }];
            return entries.Select(entry => entry.GetChildren().Any() ? entry.Get<ApiKeyOptions>()! : new ApiKeyOptions { Key = entry.Value ?? "" }).ToList();
        }
    }

    /// <summary>Whether the configuration names any key, before the options are bound: it decides what is registered.</summary>
    public static bool IsConfigured(IConfiguration configuration) =>
        Names(configuration.GetSection($"{SectionName}:{nameof(ApiKeys)}")) || Names(configuration.GetSection($"{SectionName}:{nameof(AdminKeys)}"));

    private static bool Names(IConfigurationSection keys) => !string.IsNullOrEmpty(keys.Value) || keys.GetChildren().Any();
}
