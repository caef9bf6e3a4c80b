using System.Net;
using System.Text.Json;
using Orleans.Inference.Backends.Http;
using Orleans.Inference.Tests.Infrastructure;

namespace Orleans.Inference.Tests.Grains.Backends.Http;

/// <summary>
/// Prefix affinity over real HTTP, with two Simulator replicas that cache prompt prefixes: a conversation's turns, each
/// carrying the whole history, land on one replica, whose cache then serves most of each prompt; an array batch is split
/// by replica, or sent whole where most of its prompts prefer.
/// </summary>
[Collection(HttpBackendCollection.Name)]
public sealed class PrefixAffinityTests(HttpBackendApiHostFactory host)
{
    [Theory]
    [InlineData("You are a careful assistant for a bank.")]
    [InlineData("You answer questions about trains, tersely.")]
    public async Task Post_AConversationsTurns_LandOnOneReplica_WhichServesTheirPrefixFromItsCache(string system)
    {
        var before = await Task.WhenAll(host.Prefix.Select(replica => replica.GetStatsAsync()));
        var messages = new List<object> { new { role = "system", content = system + " " + string.Join(' ', Enumerable.Range(0, 300).Select(i => $"rule{i}")) } };

        for (var turn = 0; turn < 5; turn++)
        {
            messages.Add(new { role = "user", content = $"Question {turn}: " + string.Join(' ', Enumerable.Range(0, 20).Select(i => $"word{turn}x{i}")) });
            var body = JsonSerializer.Serialize(new { model = HttpBackendApiHostFactory.PrefixModel, messages, max_tokens = 4 });
            using var response = await host.Http.PostJsonAsync("v1/chat/completions", body);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var reply = (await response.ReadJsonAsync()).GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString();
            messages.Add(new { role = "assistant", content = reply });
        }

        var after = await Task.WhenAll(host.Prefix.Select(replica => replica.GetStatsAsync()));
        var requests = after.Select((stats, i) => stats.Requests - before[i].Requests).ToArray();
        var chosen = Array.IndexOf(requests, requests.Max());
        Assert.Equal(5, requests[chosen]);
        Assert.Equal(0, requests[1 - chosen]);
        // The four later turns found their history cached: far more prompt tokens served from the cache than computed again.
        var cached = after[chosen].CachedPromptTokens - before[chosen].CachedPromptTokens;
        var computed = after[chosen].ComputedPromptTokens - before[chosen].ComputedPromptTokens;
        Assert.True(cached > 2 * computed, $"{cached} prompt tokens cached, {computed} computed");
    }

    [Fact]
    public async Task Post_AnArrayOfPromptsCachedOnTwoReplicas_IsSplitSoEachPromptMeetsItsCache()
    {
        var (first, second, before) = await PrimeTwoReplicasAsync(HttpBackendApiHostFactory.PrefixSplitModel, "split");

        await SendArrayAsync(HttpBackendApiHostFactory.PrefixSplitModel, [first, second, first, second, first, second]);

        var replicas = await SinceAsync(before);
        foreach (var replica in replicas)
        {
            Assert.Equal((1, 3), (replica.Requests, replica.Sequences));
            Assert.True(replica.Cached > 5 * replica.Computed, $"{replica.Cached} prompt tokens cached, {replica.Computed} computed");
        }
    }

    [Fact]
    public async Task Post_AnArrayOfPromptsCachedOnTwoReplicas_WithMajority_GoesWholeWhereMostArePreferred()
    {
        var (first, second, before) = await PrimeTwoReplicasAsync(HttpBackendApiHostFactory.PrefixMajorityModel, "majority");

        await SendArrayAsync(HttpBackendApiHostFactory.PrefixMajorityModel, [second, first, second, second, first, second]);

        var replicas = await SinceAsync(before);
        var chosen = replicas.Single(replica => replica.Requests > 0);
        Assert.Equal((1, 6), (chosen.Requests, chosen.Sequences));
        // The majority's four prompts found their prefix there; the minority's first was prefilled from scratch (its second
        // then found that): of six prompts of about one length, five served from the cache and one computed.
        Assert.InRange(5 * chosen.Computed, chosen.Cached, 3 * chosen.Cached / 2);
    }

    /// <summary>
    /// Two system prompts, each sent in an array of its own so each is cached on its own replica, and the replicas' counters
    /// after that.
    /// </summary>
    private async Task<(string First, string Second, SimulatorStats[] Before)> PrimeTwoReplicasAsync(string model, string label)
    {
        var (first, second) = SystemPromptsWithDifferentHomes(label);
        await SendArrayAsync(model, [.. Enumerable.Repeat(first, HttpBackendApiHostFactory.ArrayBatchSize)]);
        await SendArrayAsync(model, [.. Enumerable.Repeat(second, HttpBackendApiHostFactory.ArrayBatchSize)]);
        return (first, second, await Task.WhenAll(host.Prefix.Select(replica => replica.GetStatsAsync())));
    }

    /// <summary>What each prefix replica served since <paramref name="before"/>.</summary>
    private async Task<(long Requests, long Sequences, long Cached, long Computed)[]> SinceAsync(SimulatorStats[] before)
    {
        var after = await Task.WhenAll(host.Prefix.Select(replica => replica.GetStatsAsync()));
        return [.. after.Select((stats, i) => (stats.Requests - before[i].Requests, stats.Sequences - before[i].Sequences,
            stats.CachedPromptTokens - before[i].CachedPromptTokens, stats.ComputedPromptTokens - before[i].ComputedPromptTokens))];
    }

    /// <summary>Sends one request per prompt, all at once, so the batch leaves as one array; each gets its own answer.</summary>
    private async Task SendArrayAsync(string model, string[] systemPrompts)
    {
        await Task.WhenAll(systemPrompts.Select(async (system, i) =>
        {
            var body = JsonSerializer.Serialize(new { model, prompt = $"{system}\nQuestion {Guid.NewGuid():N} number {i}?", max_tokens = 4 });
            using var response = await host.Http.PostJsonAsync("v1/completions", body);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }));
    }

    /// <summary>
    /// Two long system prompts whose first blocks hash to different replicas (rendezvous hashing is the same on every host,
    /// so a router of the test's own finds them), so each primes the cache of its own replica.
    /// </summary>
    private static (string First, string Second) SystemPromptsWithDifferentHomes(string label)
    {
        var router = new PrefixRouter(new BackendEndpointOptions().PrefixBlockChars, 1024, 0.25);
        (int, int)[] idle = [(0, 0), (1, 0)];
        var prompts = Enumerable.Range(0, 64)
            .Select(k => $"Assistant {label} {k} {Guid.NewGuid():N}: " + string.Join(' ', Enumerable.Range(0, 300).Select(i => $"rule{i}")))
            .ToList();
        var home = router.Choose(router.Hash(prompts[0]), idle).Replica;
        return (prompts[0], prompts.First(prompt => router.Choose(router.Hash(prompt), idle).Replica != home));
    }
}
