using System.Net;
using System.Text.Json;
using Orleans.Inference.Tests.Infrastructure;

namespace Orleans.Inference.Tests.Grains.Backends.Http;

/// <summary>
/// Prefix affinity over real HTTP, with two Simulator replicas that cache prompt prefixes: a conversation's turns, each
/// carrying the whole history, land on one replica, whose cache then serves most of each prompt.
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
}
