namespace Orleans.Inference.Hosting;

/// <summary>
/// The clock the inference grains and backends use: a keyed <see cref="TimeProvider"/>, so tests can drive lifecycle
/// timers (idle unload, loads) with a fake clock without freezing the clock Orleans itself runs on.
/// </summary>
public static class InferenceTime
{
    /// <summary>The service key of the inference clock.</summary>
    public const string Key = "inference";
}
