using System.Net;
using Orleans.Inference.Tests.Infrastructure;

namespace Orleans.Inference.Tests.ApiHost.Health;

[Collection(ApiHostCollection.Name)]
public sealed class HealthApiTests(ApiHostFactory host)
{
    [Fact]
    public async Task Live_ProcessUp_Returns200()
    {
        using var response = await host.Http.GetAsync("health/live");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", (await response.ReadJsonAsync()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Ready_SiloActiveAndAModelReady_Returns200WithEachCheck()
    {
        using var response = await host.Http.GetAsync("health/ready");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var checks = (await response.ReadJsonAsync()).GetProperty("checks");
        Assert.Equal("Healthy", checks.GetProperty("silo").GetProperty("status").GetString());
        Assert.Equal("Ready", checks.GetProperty("models").GetProperty("data").GetProperty(TestCatalog.Free).GetString());
        Assert.False(checks.TryGetProperty("process", out _), "liveness checks are not part of readiness");
    }
}
