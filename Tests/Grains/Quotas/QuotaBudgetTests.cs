using Orleans.Inference.Quotas;

namespace Orleans.Inference.Tests.Grains.Quotas;

/// <summary>The quota grain's arithmetic: fixed minutes and days, grants that never pass a limit, slices given back.</summary>
public sealed class QuotaBudgetTests
{
    private static readonly DateTimeOffset Noon = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);
    private readonly QuotaState _state = new();

    [Fact]
    public void Lease_GrantsUpToTheMinutesLimit_ThenNothingUntilTheNextMinute()
    {
        var limits = new QuotaLimits(RequestsPerMinute: 10);

        var first = QuotaBudget.Lease(_state, new QuotaLeaseRequest(limits, 6, 0), Noon.AddSeconds(5));
        var second = QuotaBudget.Lease(_state, new QuotaLeaseRequest(limits, 6, 0), Noon.AddSeconds(30));
        var spent = QuotaBudget.Lease(_state, new QuotaLeaseRequest(limits, 6, 0), Noon.AddSeconds(59));
        var next = QuotaBudget.Lease(_state, new QuotaLeaseRequest(limits, 6, 0), Noon.AddSeconds(60));

        Assert.Equal([6, 4, 0, 6], new[] { first.Requests, second.Requests, spent.Requests, next.Requests });
        Assert.Equal([4, 0, 0, 4], new[] { first.RemainingRequests, second.RemainingRequests, spent.RemainingRequests, next.RemainingRequests });
        Assert.Equal(Noon.AddMinutes(1), first.MinuteEnds);
        Assert.Equal(Noon.AddMinutes(2), next.MinuteEnds);
        Assert.Equal(-1, first.RemainingTokens);
    }

    [Fact]
    public void Lease_ASliceGivenBackInItsMinute_IsGrantedAgain_OneOfALapsedMinuteIsNot()
    {
        var limits = new QuotaLimits(TokensPerMinute: 1000);
        var held = QuotaBudget.Lease(_state, new QuotaLeaseRequest(limits, 0, 800), Noon);

        var returned = QuotaBudget.Lease(_state, new QuotaLeaseRequest(limits, 0, 1000, held.Minute, 0, 300), Noon.AddSeconds(10));
        var late = QuotaBudget.Lease(_state, new QuotaLeaseRequest(limits, 0, 1000, returned.Minute, 0, 500), Noon.AddSeconds(70));

        // 800 held, 300 of it given back: 500 in use, 500 to grant. A minute later the giving back counts for nothing.
        Assert.Equal(500, returned.Tokens);
        Assert.Equal(0, returned.RemainingTokens);
        Assert.Equal(1000, late.Tokens);
    }

    [Fact]
    public void Lease_DailyTokens_HoldAcrossMinutes_AndRefillAtMidnightUtc()
    {
        var limits = new QuotaLimits(TokensPerMinute: 1000, TokensPerDay: 1500);

        var first = QuotaBudget.Lease(_state, new QuotaLeaseRequest(limits, 0, 1000), Noon);
        var second = QuotaBudget.Lease(_state, new QuotaLeaseRequest(limits, 0, 1000), Noon.AddMinutes(1));
        var tomorrow = QuotaBudget.Lease(_state, new QuotaLeaseRequest(limits, 0, 1000), Noon.AddHours(12));

        Assert.Equal([1000, 500, 1000], new[] { first.Tokens, second.Tokens, tomorrow.Tokens });
        Assert.Equal(0, second.RemainingTokens);
        Assert.Equal(new DateTimeOffset(2026, 12, 8, 0, 0, 0, TimeSpan.Zero), second.TokensRefill);
        Assert.Equal(Noon.AddMinutes(1), first.TokensRefill);
    }

    [Fact]
    public void Lease_NoLimits_GrantsWhatIsAsked()
    {
        var lease = QuotaBudget.Lease(_state, new QuotaLeaseRequest(new QuotaLimits(), 3, 4000), Noon);

        Assert.Equal((3, 4000L, -1, -1L), (lease.Requests, lease.Tokens, lease.RemainingRequests, lease.RemainingTokens));
    }
}
