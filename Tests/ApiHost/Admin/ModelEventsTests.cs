using System.Net;
using System.Text.Json;
using Orleans.Inference.Models;
using Orleans.Inference.Tests.Infrastructure;

namespace Orleans.Inference.Tests.ApiHost.Admin;

/// <summary><c>/admin/models/{id}/events</c> is a watch: the status now, then every change, whoever caused it, until the client leaves.</summary>
[Collection(ApiHostCollection.Name)]
public sealed class ModelEventsTests(ApiHostFactory host)
{
    [Fact]
    public async Task Events_OpenedOnAnUnloadedModel_FollowALoadAndAnUnloadStartedElsewhere_OnTheSameStream()
    {
        var id = await RegisterAsync();
        using var response = await host.Http.GetAsync($"admin/models/{id}/events", HttpCompletionOption.ResponseHeadersRead);
        await using var events = ServerSentEvents.ReadDataAsync(response).GetAsyncEnumerator();
        Assert.Equal("Unloaded", await NextStateAsync(events));

        // Loaded and unloaded by grain calls, as another ApiHost or a .NET service would: nothing goes through this watch's host.
        var model = host.Grains.GetGrain<IModelGrain>(id);
        await model.LoadAsync();
        var loading = await ReadUntilAsync(events, "Ready");
        await model.UnloadAsync();
        var unloading = await ReadUntilAsync(events, "Unloaded");

        Assert.Equal("Loading", loading[0].GetProperty("state").GetString());
        var progress = loading.Select(s => s.GetProperty("progress").GetInt32()).ToList();
        Assert.Equal(progress.Order(), progress);
        Assert.True(progress.Count > 3, $"progress is reported while loading ({string.Join(", ", progress)})");
        Assert.Equal(["Unloading", "Unloaded"], unloading.Select(s => s.GetProperty("state").GetString()));
    }

    [Fact]
    public async Task Events_QuietWatch_GetsKeepAliveCommentsAndStaysOpen()
    {
        using var response = await host.Http.GetAsync($"admin/models/{TestCatalog.Free}/events", HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(10));

        var lines = new List<string>();
        while (lines.Count(line => line.StartsWith(':')) < 2) lines.Add(await reader.ReadLineAsync(patience.Token) ?? throw new Xunit.Sdk.XunitException("the watch ended"));

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["event: status", "data: {"], [lines[0], lines[1][..7]]);
        Assert.Contains("\"state\":\"Ready\"", lines[1]);
        Assert.Equal(": keep-alive", lines.First(line => line.StartsWith(':')));
    }

    [Fact]
    public async Task Events_UntilSettledOnASettledModel_SendsItsStatusAndEnds()
    {
        using var response = await host.Http.GetAsync($"admin/models/{TestCatalog.Free}/events?until=settled", HttpCompletionOption.ResponseHeadersRead);
        var statuses = await ServerSentEvents.ReadAllDataAsync(response).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("Ready", ServerSentEvents.Json(Assert.Single(statuses)).GetProperty("state").GetString());
    }

    [Theory]
    [InlineData("until=ready")]
    [InlineData("until=")]
    public async Task Events_UnknownUntil_Returns400InErrorShape(string query)
    {
        using var response = await host.Http.GetAsync($"admin/models/{TestCatalog.Free}/events?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("until", (await response.ReadJsonAsync()).GetProperty("error").GetProperty("param").GetString());
    }

    private async Task<string> RegisterAsync()
    {
        var id = "watched-" + Guid.NewGuid().ToString("N")[..8];
        using var registered = await host.Http.PostJsonAsync("admin/models", $$$"""
            {"id":"{{{id}}}","load_on_demand":false,"simulation":{"load_seconds":0.5}}
            """);
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        return id;
    }

    private static async Task<string?> NextStateAsync(IAsyncEnumerator<string> events)
    {
        Assert.True(await events.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10)), "the watch ended");
        return ServerSentEvents.Json(events.Current).GetProperty("state").GetString();
    }

    /// <summary>Every status from the next one up to the first in <paramref name="state"/>, inclusive.</summary>
    private static async Task<List<JsonElement>> ReadUntilAsync(IAsyncEnumerator<string> events, string state)
    {
        var seen = new List<JsonElement>();
        while (seen.Count == 0 || seen[^1].GetProperty("state").GetString() != state)
        {
            Assert.True(await events.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(20)), $"the watch ended before {state}");
            seen.Add(ServerSentEvents.Json(events.Current));
        }

        return seen;
    }
}
