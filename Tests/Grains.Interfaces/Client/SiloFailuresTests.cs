using Orleans.Inference.Client;

namespace Orleans.Inference.Tests.Grains.Interfaces.Client;

/// <summary>Retries after a lost silo wait with jitter, so the callers of a cluster do not retry in lockstep.</summary>
public sealed class SiloFailuresTests
{
    [Theory]
    [InlineData(1, 250)]
    [InlineData(2, 500)]
    [InlineData(4, 2000)]
    [InlineData(9, 4000)]
    public void Delay_ManyDraws_StayWithinHalfAndOneAndAHalfOfTheBaseAndSpreadOverThatRange(int attempt, int baseMs)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(baseMs), SiloFailures.BaseDelay(attempt));

        var delays = Enumerable.Range(0, 2_000).Select(_ => SiloFailures.Delay(attempt).TotalMilliseconds).ToArray();

        Assert.All(delays, delay => Assert.InRange(delay, baseMs * 0.5, baseMs * 1.5));
        // Two callers that failed together wait different times: the draws cover most of the range, around the base.
        Assert.True(delays.Max() - delays.Min() > baseMs * 0.9, $"delays from {delays.Min()} to {delays.Max()} ms");
        Assert.InRange(delays.Average(), baseMs * 0.9, baseMs * 1.1);
    }
}
