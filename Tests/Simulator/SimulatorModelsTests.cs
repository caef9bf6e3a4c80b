using Orleans.Inference.Tests.Infrastructure;

namespace Orleans.Inference.Tests.Simulator;

/// <summary><c>GET /v1/models</c>: the configured models, plainly a simulation.</summary>
[Collection(SimulatorCollection.Name)]
public sealed class SimulatorModelsTests(SimulatorFixture fixture)
{
    [Fact]
    public async Task Models_Listed_InOpenAiShapeOwnedBySimulator()
    {
        var body = await (await fixture.Simulator.Http.GetAsync("v1/models")).ReadJsonAsync();

        Assert.Equal("list", body.GetProperty("object").GetString());
        var models = body.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(["sim", "sim-instant"], models.Select(m => m.GetProperty("id").GetString()).Order());
        Assert.All(models, m => Assert.Equal("model", m.GetProperty("object").GetString()));
        Assert.All(models, m => Assert.Equal("simulator", m.GetProperty("owned_by").GetString()));
        Assert.All(models, m => Assert.True(m.GetProperty("created").GetInt64() > 0));
    }
}
