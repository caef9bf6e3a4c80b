using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Orleans.Inference.Bench.Load;

namespace Orleans.Inference.Bench;

/// <summary>
/// The conversations of the <c>prefix</c> scenario: each turn sends the whole history so far, streamed, as chat messages or
/// as one completions prompt; the first content chunk's arrival is the turn's time to first token.
/// </summary>
internal sealed class PrefixWorkload(HttpClient http, Uri gateway, string model, bool completions)
{
    public const int SystemTokens = 2000;

    public const int MaxTokens = 16;

    /// <summary>
    /// <paramref name="conversations"/> of <paramref name="turns"/> turns, <paramref name="clients"/> at once; shared
    /// conversations open with one of 4 system prompts, the others with one of their own (seeded by <paramref name="seed"/>).
    /// </summary>
    public async Task<List<RequestSample>> RunAsync(int conversations, int turns, int clients, bool shared, int seed)
    {
        var samples = new ConcurrentBag<RequestSample>();
        await Parallel.ForEachAsync(Enumerable.Range(0, conversations), new ParallelOptions { MaxDegreeOfParallelism = clients }, async (conversation, cancellationToken) =>
        {
            var system = shared ? SystemPrompt(conversation % 4) : SystemPrompt(seed * 100_000 + conversation);
            var messages = new JsonArray { new JsonObject { ["role"] = "system", ["content"] = system } };
            var transcript = new StringBuilder(system);
            for (var turn = 0; turn < turns; turn++)
            {
                var question = $"Conversation {conversation}, question {turn}: " + Words($"q{conversation}t{turn}w", 40);
                messages.Add(new JsonObject { ["role"] = "user", ["content"] = question });
                transcript.Append("\nUser: ").Append(question).Append("\nAssistant:");
                var body = completions
                    ? new JsonObject { ["model"] = model, ["prompt"] = transcript.ToString(), ["max_tokens"] = MaxTokens, ["stream"] = true }
                    : new JsonObject { ["model"] = model, ["messages"] = messages.DeepClone(), ["max_tokens"] = MaxTokens, ["stream"] = true };
                var (sample, reply) = await SendAsync(body.ToJsonString(), cancellationToken);
                samples.Add(sample);
                messages.Add(new JsonObject { ["role"] = "assistant", ["content"] = reply });
                transcript.Append(' ').Append(reply);
            }
        });
        return [.. samples];
    }

    private async Task<(RequestSample Sample, string Reply)> SendAsync(string body, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var path = completions ? "v1/completions" : "v1/chat/completions";
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(gateway, path)) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode) return (new RequestSample((int)response.StatusCode, Ms(started), double.NaN, null, 0), "");
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
        var reply = new StringBuilder();
        var ttft = double.NaN;
        var tokens = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (!line.StartsWith("data: ", StringComparison.Ordinal) || line == "data: [DONE]") continue;
            using var chunk = JsonDocument.Parse(line.AsMemory(6));
            if (chunk.RootElement.GetProperty("choices") is not { ValueKind: JsonValueKind.Array } choices || choices.GetArrayLength() == 0) continue;
            if (Text(choices[0]) is not { Length: > 0 } text) continue;
            if (double.IsNaN(ttft)) ttft = Ms(started);
            reply.Append(text);
            tokens++;
        }

        return (new RequestSample(200, Ms(started), ttft, null, tokens), reply.ToString());
    }

    private string? Text(JsonElement choice) => completions
        ? choice.TryGetProperty("text", out var text) ? text.GetString() : null
        : choice.GetProperty("delta").TryGetProperty("content", out var content) ? content.GetString() : null;

    private static string SystemPrompt(int which) => $"You are assistant number {which}. " + Words($"s{which}r", SystemTokens);

    private static string Words(string stem, int count)
    {
        var text = new StringBuilder(count * 8);
        for (var i = 0; i < count; i++) text.Append(stem).Append(i.ToString(CultureInfo.InvariantCulture)).Append(' ');
        return text.ToString(0, text.Length - 1);
    }

    private static double Ms(long started) => Stopwatch.GetElapsedTime(started).TotalMilliseconds;
}
