using System.Net;
using Orleans.Inference.Tests.Infrastructure;

namespace Orleans.Inference.Tests.ApiHost.Health;

[Collection(NothingLoadedApiHostCollection.Name)]
public sealed class ReadinessTests(NothingLoadedApiHostFactory host)
{
    [Fact]
    public async Task Ready_NoModelLoaded_503_ThenAModelLoads_200()
    {
        using (var before = await host.Http.GetAsync("health/ready"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, before.StatusCode);
            var checks = (await before.ReadJsonAsync()).GetProperty("checks");
            Assert.Equal("Healthy", checks.GetProperty("silo").GetProperty("status").GetString());
            Assert.Equal("Unhealthy", checks.GetProperty("models").GetProperty("status").GetString());
        }

        using (var live = await host.Http.GetAsync("health/live")) Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        using (var load = await host.Http.PostAsync($"admin/models/{TestCatalog.Free}/load", null)) Assert.Equal(HttpStatusCode.Accepted, load.StatusCode);

        await HttpJson.EventuallyAsync(async () =>
        {
            using var after = await host.Http.GetAsync("health/ready");
            return after.StatusCode == HttpStatusCode.OK;
        }, TimeSpan.FromSeconds(10), "readiness flips once the model is loaded");
    }
}
