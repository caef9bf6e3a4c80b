using System.Net.ServerSentEvents;
using System.Text.Json;

namespace Orleans.Inference.Tests.Infrastructure;

/// <summary>Reads an SSE response event by event, as a client would, with the framework's own parser.</summary>
public static class ServerSentEvents
{
    public static async IAsyncEnumerable<string> ReadDataAsync(HttpResponseMessage response)
    {
        await using var stream = await response.Content.ReadAsStreamAsync();
        await foreach (var item in SseParser.Create(stream).EnumerateAsync()) yield return item.Data;
    }

    public static async Task<List<string>> ReadAllDataAsync(HttpResponseMessage response)
    {
        var events = new List<string>();
        await foreach (var data in ReadDataAsync(response)) events.Add(data);
        return events;
    }

    public static JsonElement Json(string data) => JsonDocument.Parse(data).RootElement;
}
