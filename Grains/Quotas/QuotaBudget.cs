namespace Orleans.Inference.Quotas;

/// <summary>
/// The quota grain's arithmetic, on its state and a clock reading: fixed minutes and days, grants that never take the
/// granted total past a limit, and returned slices credited back to the minute (and day) they came from.
/// </summary>
internal static class QuotaBudget
{
    private const long MinutesPerDay = 24 * 60;

    public static QuotaLease Lease(QuotaState state, QuotaLeaseRequest request, DateTimeOffset now)
    {
        var minute = now.ToUnixTimeSeconds() / 60;
        var day = minute / MinutesPerDay;
        if (state.Minute != minute) (state.Minute, state.RequestsGranted, state.TokensGranted) = (minute, 0, 0);
        if (state.Day != day) (state.Day, state.DayTokensGranted) = (day, 0);

        // A slice given back is credited only to the window it came from: an older minute's has lapsed with it.
        if (request.ReturnedMinute == minute)
        {
            state.RequestsGranted = Math.Max(0, state.RequestsGranted - request.ReturnedRequests);
            state.TokensGranted = Math.Max(0, state.TokensGranted - request.ReturnedTokens);
        }

        if (request.ReturnedMinute > 0 && request.ReturnedMinute / MinutesPerDay == day)
            state.DayTokensGranted = Math.Max(0, state.DayTokensGranted - request.ReturnedTokens);

        var limits = request.Limits;
        var requests = limits.RequestsPerMinute > 0 ? Math.Clamp(limits.RequestsPerMinute - state.RequestsGranted, 0, request.Requests) : request.Requests;
        var tokens = request.Tokens;
        if (limits.TokensPerMinute > 0) tokens = Math.Clamp(limits.TokensPerMinute - state.TokensGranted, 0, tokens);
        if (limits.TokensPerDay > 0) tokens = Math.Clamp(limits.TokensPerDay - state.DayTokensGranted, 0, tokens);
        state.RequestsGranted += requests;
        state.TokensGranted += tokens;
        state.DayTokensGranted += tokens;

        var minuteEnds = DateTimeOffset.FromUnixTimeSeconds((minute + 1) * 60);
        var dayEnds = DateTimeOffset.FromUnixTimeSeconds((day + 1) * MinutesPerDay * 60);
        var minuteTokensLeft = limits.TokensPerMinute > 0 ? limits.TokensPerMinute - state.TokensGranted : long.MaxValue;
        var dayTokensLeft = limits.TokensPerDay > 0 ? limits.TokensPerDay - state.DayTokensGranted : long.MaxValue;
        var tokensLeft = Math.Min(minuteTokensLeft, dayTokensLeft);
        return new QuotaLease(
            minute,
            minuteEnds,
            requests,
            tokens,
            limits.RequestsPerMinute > 0 ? limits.RequestsPerMinute - state.RequestsGranted : -1,
            tokensLeft == long.MaxValue ? -1 : tokensLeft,
            dayTokensLeft <= 0 ? dayEnds : minuteEnds);
    }
}
