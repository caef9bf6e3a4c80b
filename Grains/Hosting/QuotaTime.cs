namespace Orleans.Inference.Hosting;

/// <summary>
/// The clock quotas are counted on (wall-clock minutes and days, UTC): a keyed <see cref="TimeProvider"/>, so tests can hold
/// a minute still without freezing the clock Orleans or the inference grains run on.
/// </summary>
public static class QuotaTime
{
    /// <summary>The service key of the quota clock.</summary>
    public const string Key = "quotas";
}
