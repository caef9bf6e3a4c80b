using Orleans.Inference.Tests.Infrastructure;

namespace Orleans.Inference.Tests.ApiHost;

[Collection(ApiHostCollection.Name)]
public sealed class SwaggerTests(ApiHostFactory host)
{
    [Fact]
    public async Task Document_DescribesEveryEndpointWithSummaryAndSchemas_AndSaysTheBackendIsSimulated()
    {
        using var response = await host.Http.GetAsync("swagger/v1/swagger.json");
        var document = await response.ReadJsonAsync();

        Assert.Contains("SIMULATION", document.GetProperty("info").GetProperty("description").GetString());
        var paths = document.GetProperty("paths");
        foreach (var (path, method) in new[]
        {
            ("/v1/completions", "post"), ("/v1/chat/completions", "post"), ("/v1/models", "get"), ("/v1/models/{id}", "get"),
            ("/admin/models", "get"), ("/admin/models", "post"), ("/admin/models/{id}", "get"), ("/admin/models/{id}/load", "post"),
            ("/admin/models/{id}/unload", "post"), ("/admin/models/{id}/events", "get"),
        })
        {
            var operation = paths.GetProperty(path).GetProperty(method);
            Assert.False(string.IsNullOrEmpty(operation.GetProperty("summary").GetString()), $"{method} {path} has a summary");
            var responses = operation.GetProperty("responses");
            Assert.True(responses.TryGetProperty("200", out _) || responses.TryGetProperty("201", out _) || responses.TryGetProperty("202", out _),
                $"{method} {path} documents its success");
        }

        var completionRequest = document.GetProperty("components").GetProperty("schemas").GetProperty("CompletionRequest").GetProperty("properties");
        Assert.Equal("sim-small", completionRequest.GetProperty("model").GetProperty("example").GetString());
        Assert.True(paths.GetProperty("/v1/completions").GetProperty("post").TryGetProperty("requestBody", out _));
    }

    [Fact]
    public async Task SwaggerUi_IsServed()
    {
        using var response = await host.Http.GetAsync("swagger/index.html");

        response.EnsureSuccessStatusCode();
        Assert.Contains("swagger-ui", await response.Content.ReadAsStringAsync());
    }
}
