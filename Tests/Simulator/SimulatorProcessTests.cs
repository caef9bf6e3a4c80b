using Orleans.Inference.Tests.Infrastructure;

namespace Orleans.Inference.Tests.Simulator;

/// <summary>The helper other tests use to stand in for a failing replica: killed, then back on the same address.</summary>
public sealed class SimulatorProcessTests
{
    [Fact]
    public async Task RestartAsync_AfterKill_ServesAgainOnTheSameAddress()
    {
        await using var simulator = await SimulatorProcess.StartAsync();
        var address = simulator.BaseAddress;
        (await simulator.Http.PostJsonAsync("v1/completions", """{"model":"sim-instant","prompt":"x"}""")).EnsureSuccessStatusCode();

        simulator.Kill();
        await Assert.ThrowsAsync<HttpRequestException>(async () =>
        {
            using var client = new HttpClient { BaseAddress = address };
            await client.GetAsync("v1/models");
        });
        await simulator.RestartAsync();

        Assert.Equal(address, simulator.BaseAddress);
        using var response = await simulator.Http.PostJsonAsync("v1/completions", """{"model":"sim-instant","prompt":"x"}""");
        response.EnsureSuccessStatusCode();
        Assert.Equal(1, (await simulator.GetStatsAsync()).Requests);
    }
}
