using System.Diagnostics;
using System.Net;
using Orleans.Inference.Tests.Infrastructure;

namespace Orleans.Inference.Tests.ApiHost.Admin;

[Collection(ApiHostCollection.Name)]
public sealed class AdminModelsApiTests(ApiHostFactory host)
{
    [Fact]
    public async Task RegisterThenLoad_Returns202AtOnce_AndEventsStreamProgressUntilReady()
    {
        var id = "registered-" + Guid.NewGuid().ToString("N")[..8];
        using var registered = await host.Http.PostJsonAsync("admin/models", $$$"""
            {"id":"{{{id}}}","load_on_demand":false,"max_output_tokens":64,"simulation":{"load_seconds":1}}
            """);
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);

        var started = Stopwatch.GetTimestamp();
        using var load = await host.Http.PostAsync($"admin/models/{id}/load", null);
        var elapsed = Stopwatch.GetElapsedTime(started);
        using var events = await host.Http.GetAsync($"admin/models/{id}/events?until=settled", HttpCompletionOption.ResponseHeadersRead);
        var statuses = (await ServerSentEvents.ReadAllDataAsync(events)).Select(ServerSentEvents.Json).ToList();

        Assert.Equal(HttpStatusCode.Accepted, load.StatusCode);
        Assert.Equal($"/admin/models/{id}", load.Headers.Location?.OriginalString);
        Assert.True(elapsed < TimeSpan.FromMilliseconds(500), $"load answered after {elapsed.TotalMilliseconds:F0} ms for a 1 s load");
        Assert.Equal("Loading", (await load.ReadJsonAsync()).GetProperty("state").GetString());
        Assert.Equal("Ready", statuses[^1].GetProperty("state").GetString());
        Assert.Equal(100, statuses[^1].GetProperty("progress").GetInt32());
        var progress = statuses.Select(s => s.GetProperty("progress").GetInt32()).ToList();
        Assert.Equal(progress.Order(), progress);
        Assert.True(statuses.Count > 2, "progress is reported while loading");

        using var completion = await host.Http.PostJsonAsync("v1/completions", $$"""{"model":"{{id}}","prompt":"hi","max_tokens":3}""");
        Assert.Equal(HttpStatusCode.OK, completion.StatusCode);
        using var models = await host.Http.GetAsync("v1/models");
        Assert.Contains(id, await models.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Load_AlreadyReady_Returns200()
    {
        using var response = await host.Http.PostAsync($"admin/models/{TestCatalog.Free}/load", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Ready", (await response.ReadJsonAsync()).GetProperty("state").GetString());
    }

    [Fact]
    public async Task Unload_Returns202_ThenRequestsGet503_UntilLoadedAgain()
    {
        var id = "unloadable-" + Guid.NewGuid().ToString("N")[..8];
        (await host.Http.PostJsonAsync("admin/models", $$$"""{"id":"{{{id}}}","load_on_demand":false,"simulation":{"load_seconds":0}}""")).EnsureSuccessStatusCode();
        (await host.Http.PostAsync($"admin/models/{id}/load", null)).EnsureSuccessStatusCode();
        await ReadUntilSettledAsync(id);

        using var unload = await host.Http.PostAsync($"admin/models/{id}/unload", null);
        var final = await ReadUntilSettledAsync(id);
        using var rejected = await host.Http.PostJsonAsync("v1/completions", $$"""{"model":"{{id}}","prompt":"hi"}""");

        Assert.Equal(HttpStatusCode.Accepted, unload.StatusCode);
        Assert.Equal("Unloaded", final);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, rejected.StatusCode);
        Assert.NotNull(rejected.Headers.RetryAfter);
    }

    [Fact]
    public async Task Get_ListsEveryModelWithItsLifecycleFields()
    {
        using var list = await host.Http.GetAsync("admin/models");
        using var one = await host.Http.GetAsync($"admin/models/{TestCatalog.Free}");
        using var unknown = await host.Http.GetAsync("admin/models/nope");

        var models = (await list.ReadJsonAsync()).GetProperty("data").EnumerateArray().ToDictionary(m => m.GetProperty("id").GetString()!);
        Assert.Contains("sim-large", models.Keys);
        var free = await one.ReadJsonAsync();
        Assert.Equal("Ready", free.GetProperty("state").GetString());
        foreach (var field in new[] { "progress", "stage", "loaded_at", "last_used", "in_flight", "simulated" })
            Assert.True(free.TryGetProperty(field, out _), $"status has {field}");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Theory]
    [InlineData("""{"load_on_demand":true}""", "id")]
    [InlineData("""{"id":"bad-spec","max_output_tokens":0}""", null)]
    [InlineData("""{"id":"bad-backend","backend":"Quantum"}""", "backend")]
    [InlineData("""{"id":"bad-types","batching":{"max_batch_size":"lots"}}""", "batching.max_batch_size")]
    public async Task Register_BadSpec_Returns400InErrorShape(string body, string? param)
    {
        using var response = await host.Http.PostJsonAsync("admin/models", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await response.ReadJsonAsync()).GetProperty("error");
        Assert.Equal(param, error.GetProperty("param").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task Register_ExistingId_Returns409()
    {
        using var configured = await host.Http.PostJsonAsync("admin/models", """{"id":"sim-small"}""");

        Assert.Equal(HttpStatusCode.Conflict, configured.StatusCode);
        Assert.Equal("model_exists", (await configured.ReadJsonAsync()).GetProperty("error").GetProperty("code").GetString());
    }

    private async Task<string> ReadUntilSettledAsync(string id)
    {
        using var events = await host.Http.GetAsync($"admin/models/{id}/events?until=settled", HttpCompletionOption.ResponseHeadersRead);
        var last = (await ServerSentEvents.ReadAllDataAsync(events)).Select(ServerSentEvents.Json).Last();
        return last.GetProperty("state").GetString()!;
    }
}
