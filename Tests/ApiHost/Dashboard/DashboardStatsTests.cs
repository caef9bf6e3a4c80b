using System.Net;
using System.Text.Json;
using Orleans.Inference.Tests.Infrastructure;

namespace Orleans.Inference.Tests.ApiHost.Dashboard;

/// <summary>The dashboard over plain HTTP: its page and scripts, and the figures its charts draw.</summary>
[Collection(ApiHostCollection.Name)]
public sealed class DashboardStatsTests(ApiHostFactory host)
{
    [Fact]
    public async Task Stats_AfterKnownTraffic_WindowShowsTheRequests()
    {
        // The dashboard listens only once someone looks.
        using (var look = await host.Http.GetAsync("dashboard/stats")) Assert.Equal(HttpStatusCode.OK, look.StatusCode);

        const int Requests = 5;
        for (var i = 0; i < Requests; i++)
        {
            using var response = await host.Http.PostJsonAsync("v1/completions", $$"""{"model":"{{TestCatalog.Charted}}","prompt":"chart me","max_tokens":3}""");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        JsonElement model = default;
        await HttpJson.EventuallyAsync(async () =>
        {
            model = await ChartedAsync();
            return model.ValueKind == JsonValueKind.Object && Series(model, "requests_per_second").Sum(v => v.GetInt64()) == Requests;
        }, TimeSpan.FromSeconds(10), "the requests show once their second closes");

        Assert.Contains(Series(model, "p99_latency_ms"), v => v.ValueKind == JsonValueKind.Number && v.GetDouble() > 0);
        Assert.Contains(Series(model, "mean_batch_size"), v => v.ValueKind == JsonValueKind.Number && v.GetDouble() >= 1);
        Assert.All(Series(model, "queue_length"), v => Assert.True(v.GetInt32() >= 0));
    }

    [Fact]
    public async Task Root_RedirectsToTheDashboard_WhosePageAndScriptsAreServed()
    {
        using var page = await host.Http.GetAsync("");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("/dashboard", page.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
        var html = await page.Content.ReadAsStringAsync();

        foreach (var asset in new[] { "dashboard.js", "charts.js", "dashboard.css" })
        {
            Assert.Contains($"/dashboard/{asset}", html);
            using var response = await host.Http.GetAsync($"dashboard/{asset}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        using var missing = await host.Http.GetAsync("dashboard/missing.js");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    private async Task<JsonElement> ChartedAsync()
    {
        using var response = await host.Http.GetAsync("dashboard/stats");
        var models = (await response.ReadJsonAsync()).GetProperty("models");
        return models.EnumerateArray().FirstOrDefault(m => m.GetProperty("id").GetString() == TestCatalog.Charted);
    }

    private static JsonElement[] Series(JsonElement model, string name) => [.. model.GetProperty(name).EnumerateArray()];
}
