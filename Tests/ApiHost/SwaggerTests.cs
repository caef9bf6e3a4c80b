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
        foreach (var (path, method, success) in new[]
        {
            ("/v1/completions", "post", "200"), ("/v1/chat/completions", "post", "200"), ("/v1/models", "get", "200"),
            ("/v1/models/{id}", "get", "200"), ("/admin/models", "get", "200"), ("/admin/models", "post", "201"),
            ("/admin/models/{id}", "get", "200"), ("/admin/models/{id}/load", "post", "202"),
            ("/admin/models/{id}/unload", "post", "202"), ("/admin/models/{id}/events", "get", "200"),
        })
        {
            var operation = paths.GetProperty(path).GetProperty(method);
            Assert.False(string.IsNullOrEmpty(operation.GetProperty("summary").GetString()), $"{method} {path} has a summary");
            Assert.True(operation.GetProperty("responses").TryGetProperty(success, out _), $"{method} {path} documents its {success}");
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
