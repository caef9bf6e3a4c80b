using Orleans.Inference.Backends.Http;

namespace Orleans.Inference.Tests.Grains.Backends.Http;

/// <summary>Prefix affinity's choices: the longest cached prefix, the same home on every host, the load bound, the LRU.</summary>
public sealed class PrefixRouterTests
{
    private const int Block = 16;
    private static readonly string SystemPrompt = new('s', 4 * Block);

    [Fact]
    public void Hash_PromptsSharingTheirFirstBlocks_ShareThoseHashesOnly()
    {
        var router = Router();

        var first = router.Hash(SystemPrompt + "user: what is the time?");
        var second = router.Hash(SystemPrompt + "user: and the weather?");

        Assert.Equal(first[..4], second[..4]);
        Assert.NotEqual(first[4], second[4]);
        Assert.Single(router.Hash("short"));
    }

    [Fact]
    public void Choose_AConversationsNextTurn_GoesToTheReplicaThatServedItsLongestPrefix()
    {
        var router = Router();
        var turn1 = SystemPrompt + "user: hello" + new string('1', Block);
        var turn2 = turn1 + "assistant: hi" + new string('2', Block);
        var otherConversation = SystemPrompt + new string('x', 2 * Block);
        router.Record(router.Hash(otherConversation), replica: 0);
        router.Record(router.Hash(turn1), replica: 2);

        var choice = router.Choose(router.Hash(turn2), Idle(3));

        // Both recorded prompts share the system prompt's blocks; turn 1 shares more of turn 2.
        Assert.Equal(new PrefixChoice(2, PrefixRouting.Matched), choice);
    }

    [Fact]
    public void Choose_NoPrefixSeen_IsTheSameReplicaOnEveryHost_AndPromptsSpreadOverReplicas()
    {
        var hosts = new[] { Router(), Router(), Router() };
        var prompts = Enumerable.Range(0, 60).Select(i => $"{i:D4} system prompt " + new string('p', 2 * Block)).ToList();

        var choices = prompts.Select(prompt => hosts.Select(host => host.Choose(host.Hash(prompt), Idle(3))).ToList()).ToList();

        Assert.All(choices, perHost => Assert.Single(perHost.Distinct()));
        Assert.All(choices, perHost => Assert.Equal(PrefixRouting.Hashed, perHost[0].How));
        Assert.Equal(3, choices.Select(perHost => perHost[0].Replica).Distinct().Count());
    }

    [Fact]
    public void Choose_PreferredReplicaPastTheLoadBound_FallsBackToTheLeastLoaded()
    {
        var router = Router(epsilon: 0.25);
        var prompt = SystemPrompt + "user: again";
        router.Record(router.Hash(prompt), replica: 1);

        // Mean with this request: (4 + 1 + 1 + 1) / 3 = 2.33; the bound is ceil(1.25 x 2.33) = 3, and replica 1 would be at 5.
        var busy = router.Choose(router.Hash(prompt), [(0, 1), (1, 4), (2, 1)]);
        var withinBound = router.Choose(router.Hash(prompt), [(0, 1), (1, 2), (2, 1)]);

        Assert.Equal(PrefixRouting.Overloaded, busy.How);
        Assert.NotEqual(1, busy.Replica);
        Assert.Equal(new PrefixChoice(1, PrefixRouting.Matched), withinBound);
    }

    [Fact]
    public void Choose_PreferredReplicaOut_IsNotChosen()
    {
        var router = Router();
        var prompt = SystemPrompt + "user: hello";
        router.Record(router.Hash(prompt), replica: 1);

        var choice = router.Choose(router.Hash(prompt), [(0, 0), (2, 0)]);

        Assert.NotEqual(1, choice.Replica);
    }

    [Fact]
    public void Record_PastTheCapacity_ForgetsTheLeastRecentlyUsedBlocks()
    {
        var router = Router(capacity: 8);
        var old = new string('o', 4 * Block);
        var recent = new string('r', 4 * Block);
        var newest = new string('n', 4 * Block);
        router.Record(router.Hash(old), replica: 1);
        router.Record(router.Hash(recent), replica: 2);
        router.Record(router.Hash(old), replica: 1); // used again: now the most recent
        router.Record(router.Hash(newest), replica: 0);

        Assert.Equal(8, router.Count);
        Assert.Equal(PrefixRouting.Matched, router.Choose(router.Hash(old), Idle(3)).How);
        Assert.Equal(PrefixRouting.Hashed, router.Choose(router.Hash(recent), Idle(3)).How);
    }

    private static PrefixRouter Router(int capacity = 1000, double epsilon = 0.25) => new(Block, capacity, epsilon);

    private static (int, int)[] Idle(int replicas) => [.. Enumerable.Range(0, replicas).Select(i => (i, 0))];
}
