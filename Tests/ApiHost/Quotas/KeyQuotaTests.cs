using Orleans.Inference.ApiHost.Quotas;
using Orleans.Inference.Quotas;

namespace Orleans.Inference.Tests.ApiHost.Quotas;

/// <summary>
/// A key's quota as gateway hosts spend it: slices leased from one quota grain (here its arithmetic behind a fake grain),
/// spent locally, given back, and lapsing with their minute; hosts that share the key never admit past its limit.
/// </summary>
public sealed class KeyQuotaTests
{
    private static readonly DateTimeOffset Noon = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);
    private readonly FakeQuotaGrain _grain = new();

    [Fact]
    public async Task AdmitAsync_WithinASlice_AdmitsWithoutAGrainCall()
    {
        var quota = new KeyQuota("k", new QuotaLimits(RequestsPerMinute: 100));

        for (var i = 0; i < 5; i++) Assert.True((await AdmitAsync(quota, 0, Noon)).Admitted);

        // A slice is a twentieth of the limit: five requests, one lease.
        Assert.Equal(1, _grain.Leases);
    }

    [Fact]
    public async Task AdmitAsync_TwoHostsSharingAKey_AdmitExactlyItsLimitBetweenThem_ThenRefuseUntilTheMinuteEnds()
    {
        var limits = new QuotaLimits(RequestsPerMinute: 100);
        KeyQuota[] hosts = [new("k", limits), new("k", limits)];

        var decisions = new List<QuotaDecision>();
        for (var i = 0; i < 300; i++) decisions.Add(await AdmitAsync(hosts[i % 2], 0, Noon.AddMilliseconds(i * 100)));

        Assert.Equal(100, decisions.Count(d => d.Admitted));
        var refused = decisions.First(d => !d.Admitted);
        Assert.Equal(QuotaShortfall.Requests, refused.Refusal!.Shortfall);
        Assert.True(refused.Refusal.RetryAfter > TimeSpan.Zero && refused.Refusal.RetryAfter <= TimeSpan.FromMinutes(1));
        Assert.Equal(0, refused.Headers.RemainingRequests);
        Assert.True((await AdmitAsync(hosts[0], 0, Noon.AddMinutes(1))).Admitted);
    }

    [Fact]
    public async Task AdmitAsync_AHostThatDiesHoldingASlice_CostsTheKeyThatSliceForTheRestOfItsMinuteOnly()
    {
        var limits = new QuotaLimits(RequestsPerMinute: 100);
        var dead = new KeyQuota("k", limits);
        Assert.True((await AdmitAsync(dead, 0, Noon)).Admitted);

        // The dead host never gives back the four requests left of its slice of five.
        var survivor = new KeyQuota("k", limits);
        var thisMinute = 0;
        while ((await AdmitAsync(survivor, 0, Noon.AddSeconds(1))).Admitted) thisMinute++;
        var nextMinute = 0;
        while ((await AdmitAsync(survivor, 0, Noon.AddSeconds(61))).Admitted) nextMinute++;

        Assert.Equal(95, thisMinute);
        Assert.Equal(100, nextMinute);
    }

    [Fact]
    public async Task Settle_TokensAReservationDidNotUse_GoBackToTheSlice_AndCanBeSpentAgain()
    {
        var quota = new KeyQuota("k", new QuotaLimits(TokensPerMinute: 1000));

        var first = await AdmitAsync(quota, 1000, Noon);
        var refused = await AdmitAsync(quota, 600, Noon);
        first.Settle(used: 300);
        var second = await AdmitAsync(quota, 600, Noon);

        Assert.True(first.Admitted);
        Assert.Equal(QuotaShortfall.Tokens, refused.Refusal?.Shortfall);
        Assert.True(second.Admitted);
        Assert.Equal(100, second.Headers.RemainingTokens);
    }

    [Fact]
    public void Duration_IsWrittenAsOpenAiWritesIt()
    {
        Assert.Equal("350ms", QuotaHeaders.Duration(TimeSpan.FromMilliseconds(350)));
        Assert.Equal("17s", QuotaHeaders.Duration(TimeSpan.FromSeconds(16.2)));
        Assert.Equal("6m0s", QuotaHeaders.Duration(TimeSpan.FromMinutes(6)));
        Assert.Equal("2h5m3s", QuotaHeaders.Duration(new TimeSpan(2, 5, 3)));
    }

    private Task<QuotaDecision> AdmitAsync(KeyQuota host, long tokens, DateTimeOffset at)
    {
        _grain.Now = at;
        return host.AdmitAsync(tokens, _grain, at, CancellationToken.None).AsTask();
    }

    /// <summary>The quota grain's arithmetic on one state, as the cluster's one activation of it would hold it.</summary>
    private sealed class FakeQuotaGrain : IQuotaGrain
    {
        private readonly QuotaState _state = new();

        public int Leases { get; private set; }

        public DateTimeOffset Now { get; set; }

        public Task<QuotaLease> LeaseAsync(QuotaLeaseRequest request)
        {
            Leases++;
            return Task.FromResult(QuotaBudget.Lease(_state, request, Now));
        }
    }
}
