using System.Net;
using Orleans.Inference.Tests.Infrastructure;

namespace Orleans.Inference.Tests.ApiHost.Catalog;

[Collection(ApiHostCollection.Name)]
public sealed class ModelsApiTests(ApiHostFactory host)
{
    [Fact]
    public async Task List_ReturnsEveryCatalogModel_SimulatedOnesSaySo()
    {
        using var response = await host.Http.GetAsync("v1/models");

        var body = await response.ReadJsonAsync();
        Assert.Equal("list", body.GetProperty("object").GetString());
        var models = body.GetProperty("data").EnumerateArray().ToDictionary(m => m.GetProperty("id").GetString()!);
        Assert.Superset(new HashSet<string> { "sim-small", "sim-large", TestCatalog.Free, TestCatalog.Paced }, models.Keys.ToHashSet());
        Assert.All(models.Values, m =>
        {
            Assert.Equal("model", m.GetProperty("object").GetString());
            Assert.Equal("simulator", m.GetProperty("owned_by").GetString());
            Assert.True(m.GetProperty("simulated").GetBoolean());
        });
        Assert.Equal("Ready", models[TestCatalog.Free].GetProperty("state").GetString());
        Assert.Equal("Unloaded", models[TestCatalog.Manual].GetProperty("state").GetString());
    }

    [Fact]
    public async Task Get_KnownModel_ReturnsIt_UnknownGets404ModelNotFound()
    {
        using var known = await host.Http.GetAsync($"v1/models/{TestCatalog.Free}");
        using var unknown = await host.Http.GetAsync("v1/models/gpt-99");

        Assert.Equal(TestCatalog.Free, (await known.ReadJsonAsync()).GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("model_not_found", (await unknown.ReadJsonAsync()).GetProperty("error").GetProperty("code").GetString());
    }
}
