using Orleans.Inference.Simulation;

namespace Orleans.Inference.Tests.Simulation;

/// <summary>The simulated prefix cache: whole blocks of a prompt's prefix, chained, in an LRU of tokens.</summary>
public sealed class PromptCacheTests
{
    [Fact]
    public void Admit_APromptSharingAnotherOnesFirstBlocks_FindsThoseBlocksCached()
    {
        var cache = new PromptCache(capacityTokens: 10_000);
        var system = Words("system", 40);

        var first = cache.Admit(system + " " + Words("question", 10));
        var second = cache.Admit(system + " " + Words("other", 10));
        var unrelated = cache.Admit(Words("unrelated", 50));

        // 40 shared words hold two whole blocks of 16; the third block mixes in words the prompts do not share.
        Assert.Equal((0, 32, 0), (first, second, unrelated));
    }

    [Fact]
    public void Admit_PastItsCapacity_ForgetsTheLeastRecentlyUsedBlocks()
    {
        var cache = new PromptCache(capacityTokens: 4 * PromptCache.BlockTokens);
        var a = Words("a", 32);
        var b = Words("b", 32);
        var c = Words("c", 32);
        cache.Admit(a);
        cache.Admit(b);
        cache.Admit(a); // a is used again: b is now the oldest

        cache.Admit(c);

        Assert.Equal(32, cache.Admit(a));
        Assert.Equal(0, cache.Admit(b));
    }

    private static string Words(string word, int count) => string.Join(' ', Enumerable.Range(0, count).Select(i => $"{word}{i}"));
}
