namespace Orleans.Inference.Generation;

/// <summary>
/// Whose request it is, for each model's batch queue: requests are queued per tenant and batches filled across tenants by
/// weighted fair queuing, so one tenant flooding a model cannot starve the others. The gateway sets it from the API key
/// (its name and settings) or, without keys, from OpenAI's <c>user</c> field; a request without one shares a tenant with
/// every other such request.
/// </summary>
/// <param name="Name">The tenant's name: an API key's name, never the key.</param>
/// <param name="Weight">Its share of a busy model against other tenants' weights (1 to 1,000): 3 gets three times what 1 gets.</param>
/// <param name="Priority">Its class: every tenant of a higher class is served before any of a lower one.</param>
[GenerateSerializer, Immutable, Alias("generation.tenant")]
public sealed record Tenant(
    [property: Id(0)] string Name,
    [property: Id(1)] int Weight = 1,
    [property: Id(2)] TenantPriority Priority = TenantPriority.Standard)
{
    /// <summary>What the name of a tenant taken from OpenAI's <c>user</c> field starts with.</summary>
    public const string UserPrefix = "user:";

    /// <summary>The tenant of requests that name none.</summary>
    public static Tenant Shared { get; } = new("");

    /// <summary>
    /// The tenant as a metric tag: a key's name; <c>user</c> for every tenant a caller named itself (callers could grow the
    /// metrics at will otherwise); <c>shared</c> for none.
    /// </summary>
    public string MetricName => Name.Length == 0 ? "shared" : Name.StartsWith(UserPrefix, StringComparison.Ordinal) ? "user" : Name;

    /// <summary>The tenant of a request that carries OpenAI's <c>user</c> field and no API key.</summary>
    public static Tenant OfUser(string user) => new(UserPrefix + user);
}
