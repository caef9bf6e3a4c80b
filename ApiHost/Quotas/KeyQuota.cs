using Orleans.Inference.Client;
using Orleans.Inference.Quotas;

namespace Orleans.Inference.ApiHost.Quotas;

/// <summary>
/// This host's slice of one key's cluster-wide budget (<see cref="IQuotaGrain"/>): requests are admitted from it without
/// a grain call, and it is leased again, returning what is left of it, when it runs short. A slice lapses with its minute.
/// </summary>
internal sealed class KeyQuota(string name, QuotaLimits limits)
{
    /// <summary>Each lease asks for this share of a limit: small enough that the hosts' unspent slices stay a few per cent of it.</summary>
    private const int SlicesPerLimit = 20;

    /// <summary>How long one lease call may take before it is sent again.</summary>
    private static readonly TimeSpan LeaseTimeout = TimeSpan.FromSeconds(2);

    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _leasing = new(1, 1);
    private long _minute;
    private DateTimeOffset _minuteEnds;
    private int _requests;
    private long _tokens;
    private QuotaLease? _last;

    public string Name { get; } = name;

    public QuotaLimits Limits { get; } = limits;

    private bool CountsRequests => Limits.RequestsPerMinute > 0;

    private bool CountsTokens => Limits.TokensPerMinute > 0 || Limits.TokensPerDay > 0;

    /// <summary>Admits a request that may use up to <paramref name="tokens"/>, leasing from the grain only when the slice is short.</summary>
    public async ValueTask<QuotaDecision> AdmitAsync(long tokens, IQuotaGrain grain, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (TryTake(tokens, now) is { } admitted) return admitted;
        await _leasing.WaitAsync(cancellationToken);
        try
        {
            // Another request may have leased while this one waited.
            if (TryTake(tokens, now) is { } meanwhile) return meanwhile;
            var lease = await LeaseAsync(grain, Renewal(tokens, now), cancellationToken);
            lock (_lock) (_minute, _minuteEnds, _requests, _tokens, _last) = (lease.Minute, lease.MinuteEnds, lease.Requests, lease.Tokens, lease);
            return TryTake(tokens, now) ?? Refusal(tokens, lease, now);
        }
        finally
        {
            _leasing.Release();
        }
    }

    /// <summary>
    /// Leases from the grain, again when its silo was lost (the grain comes back elsewhere with its persisted counts); a
    /// grant whose answer was lost with the silo is spent, so the key's limit still holds. A lease is a small grain call:
    /// one that takes seconds went to a silo that died with the call in flight, which Orleans would otherwise only give up
    /// on after its whole response timeout (30 s), so it is abandoned and sent again.
    /// </summary>
    private static async Task<QuotaLease> LeaseAsync(IQuotaGrain grain, QuotaLeaseRequest request, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await grain.LeaseAsync(request).WaitAsync(LeaseTimeout, cancellationToken);
            }
            catch (Exception error) when (SiloFailures.ShouldRetry(error, attempt, cancellationToken)
                || (error is TimeoutException && attempt <= SiloFailures.Retries && !cancellationToken.IsCancellationRequested))
            {
                await Task.Delay(SiloFailures.Delay(attempt), cancellationToken);
            }
        }
    }

    /// <summary>A request admitted for <paramref name="reserved"/> tokens in <paramref name="minute"/> used <paramref name="used"/>.</summary>
    public void Settle(long minute, long reserved, long used)
    {
        lock (_lock)
        {
            // Within its minute the difference goes back to (or comes out of) the slice; a lapsed minute took its slice with it.
            if (CountsTokens && minute == _minute) _tokens += reserved - used;
        }
    }

    private QuotaDecision? TryTake(long tokens, DateTimeOffset now)
    {
        lock (_lock)
        {
            if (now >= _minuteEnds) (_requests, _tokens) = (0, 0);
            if ((CountsRequests && _requests < 1) || (CountsTokens && _tokens < tokens)) return null;
            if (CountsRequests) _requests--;
            if (CountsTokens) _tokens -= tokens;
            return new QuotaDecision(this, true, _minute, tokens, Headers(now), null);
        }
    }

    /// <summary>Asks for a slice (and at least what this request needs), giving back what is left of the current one.</summary>
    private QuotaLeaseRequest Renewal(long tokens, DateTimeOffset now)
    {
        lock (_lock)
        {
            var current = now < _minuteEnds;
            var requests = CountsRequests ? Math.Max(1, Limits.RequestsPerMinute / SlicesPerLimit) : 0;
            var tokenLimit = Limits.TokensPerMinute > 0 ? Limits.TokensPerMinute : Limits.TokensPerDay / 100;
            var slice = CountsTokens ? Math.Max(tokens, tokenLimit / SlicesPerLimit) : 0;
            return new QuotaLeaseRequest(
                Limits, requests, slice, current ? _minute : 0, current ? Math.Max(_requests, 0) : 0, current ? Math.Max(_tokens, 0) : 0);
        }
    }

    private QuotaDecision Refusal(long tokens, QuotaLease lease, DateTimeOffset now)
    {
        lock (_lock)
        {
            var shortfall = CountsRequests && _requests < 1 ? QuotaShortfall.Requests : QuotaShortfall.Tokens;
            var until = shortfall == QuotaShortfall.Requests ? lease.MinuteEnds : lease.TokensRefill;
            return new QuotaDecision(this, false, _minute, tokens, Headers(now), new QuotaRefusal(shortfall, until - now));
        }
    }

    /// <summary>OpenAI's rate-limit headers as this host knows them: the cluster's remaining after its last lease, plus its own slice.</summary>
    private QuotaHeaders Headers(DateTimeOffset now)
    {
        var last = _last;
        int? remainingRequests = CountsRequests && last is not null ? Math.Max(0, last.RemainingRequests) + Math.Max(0, _requests) : null;
        long? remainingTokens = CountsTokens && last is not null ? Math.Max(0, last.RemainingTokens) + Math.Max(0, _tokens) : null;
        var minuteLeft = _minuteEnds - now;
        var tokensLeft = (last?.TokensRefill ?? _minuteEnds) - now;
        return new QuotaHeaders(
            CountsRequests ? Limits.RequestsPerMinute : null, remainingRequests, minuteLeft,
            Limits.TokensPerMinute > 0 ? Limits.TokensPerMinute : Limits.TokensPerDay > 0 ? Limits.TokensPerDay : null, remainingTokens, tokensLeft);
    }
}
