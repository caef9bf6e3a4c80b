namespace Orleans.Inference.Quotas;

/// <summary>
/// A slice of a key's budget, the host's to spend until <see cref="MinuteEnds"/>, when every slice of the minute lapses.
/// The remaining figures are the whole cluster's, after this grant, for the <c>x-ratelimit-remaining-*</c> headers.
/// </summary>
/// <param name="Minute">The minute the slice belongs to (Unix minutes).</param>
/// <param name="MinuteEnds">When it lapses.</param>
/// <param name="Requests">Requests granted (0 to what was asked).</param>
/// <param name="Tokens">Tokens granted (0 to what was asked).</param>
/// <param name="RemainingRequests">Requests left to grant this minute; -1 without a request limit.</param>
/// <param name="RemainingTokens">Tokens left to grant this minute (and this day, whichever is less); -1 without a token limit.</param>
/// <param name="TokensRefill">When tokens are granted again: the minute's end, or the day's when the daily budget is spent.</param>
[GenerateSerializer, Immutable, Alias("quotas.lease")]
public sealed record QuotaLease(
    [property: Id(0)] long Minute,
    [property: Id(1)] DateTimeOffset MinuteEnds,
    [property: Id(2)] int Requests,
    [property: Id(3)] long Tokens,
    [property: Id(4)] int RemainingRequests,
    [property: Id(5)] long RemainingTokens,
    [property: Id(6)] DateTimeOffset TokensRefill);
