using System.Net;
using Orleans.Inference.Tests.Infrastructure;

namespace Orleans.Inference.Tests.Simulator;

/// <summary>Fault injection, from the command line and at run time; each test has a Simulator of its own.</summary>
public sealed class SimulatorFaultTests
{
    [Fact]
    public async Task ErrorRateOne_Status503FromCommandLine_Returns503WithRetryAfterInOpenAiShape()
    {
        await using var simulator = await SimulatorProcess.StartAsync(
            "--Simulator:Faults:ErrorRate=1", "--Simulator:Faults:ErrorStatus=503", "--Simulator:Faults:RetryAfterSeconds=7");

        using var response = await simulator.Http.PostJsonAsync("v1/completions", """{"model":"sim","prompt":"x"}""");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), response.Headers.RetryAfter?.Delta);
        var error = (await response.ReadJsonAsync()).GetProperty("error");
        Assert.Equal("server_error", error.GetProperty("type").GetString());
        Assert.Equal("injected_fault", error.GetProperty("code").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
        var stats = await simulator.GetStatsAsync();
        Assert.Equal(1, stats.ErrorsInjected);
        Assert.Equal(0, stats.Batches);
    }

    [Fact]
    public async Task SetFaults_AtRunTime_TakesEffectAndIsReadBack()
    {
        await using var simulator = await SimulatorProcess.StartAsync();
        const string Chat = """{"model":"sim-instant","messages":[{"role":"user","content":"hi"}]}""";

        await simulator.SetFaultsAsync(new SimulatorFaults(ErrorRate: 1, ErrorStatus: 429, RetryAfterSeconds: 2));
        using var refused = await simulator.Http.PostJsonAsync("v1/chat/completions", Chat);
        var current = await (await simulator.Http.GetAsync("admin/faults")).ReadJsonAsync();
        await simulator.SetFaultsAsync(new SimulatorFaults());
        using var served = await simulator.Http.PostJsonAsync("v1/chat/completions", Chat);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(2), refused.Headers.RetryAfter?.Delta);
        Assert.Equal("rate_limit_error", (await refused.ReadJsonAsync()).GetProperty("error").GetProperty("type").GetString());
        Assert.Equal(1, current.GetProperty("error_rate").GetDouble());
        Assert.Equal(429, current.GetProperty("error_status").GetInt32());
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
    }

    [Fact]
    public async Task SetFaults_OutOfRange_Returns400AndKeepsTheFaults()
    {
        await using var simulator = await SimulatorProcess.StartAsync();

        using var response = await simulator.Http.PutAsync(
            "admin/faults", new StringContent("""{"error_rate":1.5}""", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var current = await (await simulator.Http.GetAsync("admin/faults")).ReadJsonAsync();
        Assert.Equal(0, current.GetProperty("error_rate").GetDouble());
    }

    [Fact]
    public async Task DropAfterTokens_Streamed_AbortsTheConnectionAfterThatManyTokens()
    {
        await using var simulator = await SimulatorProcess.StartAsync();
        await simulator.SetFaultsAsync(new SimulatorFaults(DropAfterTokens: 3));

        using var response = await simulator.Http.PostJsonAsync(
            "v1/completions", """{"model":"sim","prompt":"cut me off","max_tokens":50,"stream":true}""", HttpCompletionOption.ResponseHeadersRead);
        var received = new List<string>();
        var error = await Record.ExceptionAsync(async () =>
        {
            await foreach (var data in ServerSentEvents.ReadDataAsync(response)) received.Add(data);
        });

        Assert.IsAssignableFrom<IOException>(error);
        Assert.DoesNotContain("[DONE]", received);
        var text = string.Concat(received.Select(d => ServerSentEvents.Json(d).GetProperty("choices")[0].GetProperty("text").GetString()));
        // A busy machine merges tokens that wait for the writer into one chunk; the cut comes after the chunk that reaches 3.
        Assert.InRange(SimulatorCompletionsTests.Words(text), 3, 10);
        var stats = await simulator.GetStatsAsync();
        Assert.Equal(1, stats.ConnectionsDropped);
    }

    [Fact]
    public async Task AddedLatency_DelaysTheResponse()
    {
        await using var simulator = await SimulatorProcess.StartAsync("--Simulator:Faults:AddedLatencyMs=300");
        var clock = System.Diagnostics.Stopwatch.StartNew();

        using var response = await simulator.Http.PostJsonAsync("v1/completions", """{"model":"sim-instant","prompt":"x"}""");

        response.EnsureSuccessStatusCode();
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(300), $"answered after {clock.Elapsed}");
    }
}
