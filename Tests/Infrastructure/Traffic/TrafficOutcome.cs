namespace Orleans.Inference.Tests.Infrastructure.Traffic;

/// <summary>How one request ended, as its client saw it.</summary>
/// <param name="Request">What was sent.</param>
/// <param name="Status">The HTTP status, 0 when none arrived.</param>
/// <param name="Reason">
/// <see cref="Ok"/>, <see cref="Cancelled"/>, <see cref="Hung"/>, <c>{status} {code}</c> for an error response,
/// <c>stream {code}</c> for an error event after tokens, or <c>malformed: ...</c> for anything a client could not read.
/// </param>
/// <param name="Tokens">Tokens received: one word each for the simulated engines.</param>
/// <param name="Elapsed">From sending to the end of the answer.</param>
public sealed record TrafficOutcome(TrafficRequest Request, int Status, string Reason, int Tokens, TimeSpan Elapsed)
{
    public const string Ok = "ok";
    public const string Cancelled = "cancelled by its client";
    public const string Hung = "hung past its deadline";

    /// <summary>An answer no client could make sense of: no error shape, no code, or a stream without its end.</summary>
    public bool IsMalformed => Reason.StartsWith("malformed", StringComparison.Ordinal);

    /// <summary>A clear error: an OpenAI-shaped error with a code, as a status or as a stream's last event before [DONE].</summary>
    public bool IsClearError => Reason is not (Ok or Cancelled or Hung) && !IsMalformed;
}
