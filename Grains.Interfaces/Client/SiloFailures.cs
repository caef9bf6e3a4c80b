using Orleans.Runtime.Messaging;

namespace Orleans.Inference.Client;

/// <summary>
/// Failures that mean the silo holding a model's grains went away (killed, unreachable, or shutting down), not that the request was
/// wrong. Until a token has reached the caller such a request can be sent again: membership declares the silo dead
/// within a few seconds, and the model's grains come back on a live silo. After the retries a caller sees 503.
/// </summary>
public static class SiloFailures
{
    /// <summary>Attempts after the first: 0.25 + 0.5 + 1 + 2 s of waiting (on average) cover failure detection in a tuned cluster.</summary>
    public const int Retries = 4;

    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(250);

    /// <summary>True for Orleans' "target silo unavailable" family of errors, and for a model leaving a silo that shuts down.</summary>
    public static bool IsSiloLost(Exception error) =>
        error is SiloUnavailableException or OrleansMessageRejectionException or ConnectionFailedException or EnumerationAbortedException
            or Models.ModelMovingException;

    /// <summary>True when <paramref name="error"/> after attempt <paramref name="attempt"/> (1 = the first) deserves another.</summary>
    public static bool ShouldRetry(Exception error, int attempt, CancellationToken cancellationToken) =>
        attempt <= Retries && !cancellationToken.IsCancellationRequested && IsSiloLost(error);

    /// <summary>
    /// How long to wait before attempt <paramref name="attempt"/> + 1: doubling from 250 ms, each wait drawn between half
    /// and one and a half times that. A silo's loss fails every caller's requests at the same instant; without jitter every
    /// ApiHost and client would retry in lockstep, and meet the silo that takes over the model all at once.
    /// </summary>
    public static TimeSpan Delay(int attempt) => BaseDelay(attempt) * (0.5 + Random.Shared.NextDouble());

    /// <summary>The wait before attempt <paramref name="attempt"/> + 1 without jitter (the middle of its range).</summary>
    public static TimeSpan BaseDelay(int attempt) => FirstDelay * (1 << Math.Min(attempt - 1, 4));
}
