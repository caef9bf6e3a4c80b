using Orleans.Inference.Simulation.Text;

namespace Orleans.Inference.Tests.Simulation.Text;

public sealed class StopSequenceMatcherTests
{
    [Fact]
    public void Add_StopSpanningTokens_HoldsBackThePrefixAndNeverReleasesTheStop()
    {
        var matcher = new StopSequenceMatcher([" red fox"]);

        var first = matcher.Add(" the");
        var second = matcher.Add(" red");
        var third = matcher.Add(" fox");

        Assert.Equal((" the", false), first);
        Assert.Equal((string.Empty, false), second);
        Assert.Equal((string.Empty, true), third);
    }

    [Fact]
    public void Add_PrefixThatDoesNotComplete_IsReleasedOnceDecided()
    {
        var matcher = new StopSequenceMatcher([" red fox"]);

        matcher.Add(" the");
        var held = matcher.Add(" red");
        var released = matcher.Add(" dog");

        Assert.Equal(string.Empty, held.Release);
        Assert.Equal((" red dog", false), released);
    }

    [Fact]
    public void Add_StopInsideAToken_ReleasesTheTextBeforeIt()
    {
        var matcher = new StopSequenceMatcher(["."]);

        var result = matcher.Add(" river.");

        Assert.Equal((" river", true), result);
    }

    [Fact]
    public void Flush_WithoutStop_ReleasesWhatWasHeld()
    {
        var matcher = new StopSequenceMatcher([" red fox"]);
        matcher.Add(" a");
        matcher.Add(" red");

        Assert.Equal(" red", matcher.Flush());
    }
}
