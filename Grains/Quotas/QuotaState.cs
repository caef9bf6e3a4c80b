namespace Orleans.Inference.Quotas;

/// <summary>What a key's quota grain has granted in the current minute and day, persisted with each grant.</summary>
[GenerateSerializer, Alias("quotas.state")]
public sealed class QuotaState
{
    /// <summary>The minute the minute's counts are of (Unix minutes).</summary>
    [Id(0)]
    public long Minute { get; set; }

    [Id(1)]
    public int RequestsGranted { get; set; }

    [Id(2)]
    public long TokensGranted { get; set; }

    /// <summary>The day the day's count is of (Unix days, UTC).</summary>
    [Id(3)]
    public long Day { get; set; }

    [Id(4)]
    public long DayTokensGranted { get; set; }
}
