using System.Net.Http.Json;
using System.Text.Json;
using Orleans.Inference.Tests.Infrastructure;

namespace Orleans.Inference.Tests.Samples;

/// <summary>
/// The sample service (Samples/ClientService, which references only Grains.Interfaces and the Orleans client) run as a
/// user would run it against a real Redis cluster: it follows a model's load, then completes and streams a prompt.
/// </summary>
[Collection(RedisClusterCollection.Name)]
public sealed class ClientServiceTests(RedisClusterFixture cluster) : IAsyncLifetime
{
    private const string Model = "sim-large";
    private const string Prompt = "Hello from a service";

    public Task InitializeAsync() => cluster.EnsureAllRunningAsync();

    public async Task DisposeAsync()
    {
        using var response = await cluster.ApiHostA.Http.PostAsync($"admin/models/{Model}/unload", null);
    }

    [Fact]
    public async Task Run_AgainstARedisCluster_FollowsTheLoadThenCompletesAndStreamsThePrompt()
    {
        var orleans = cluster.Settings.Where(setting => setting.StartsWith("--Orleans:", StringComparison.Ordinal));
        await using var service = new DotnetProcess(
            "Samples/ClientService", "Orleans.Inference.Samples.ClientService", [.. orleans, "--Model", Model, "--Prompt", Prompt, "--MaxTokens", "8"]);

        service.Start();
        await service.WaitForExitAsync(TimeSpan.FromSeconds(90));

        var output = service.Output();
        Assert.True(service.ExitCode == 0, output);
        // It saw the load part way, then ready.
        Assert.Contains($"model {Model}: Loading", output, StringComparison.Ordinal);
        Assert.Contains($"model {Model}: Ready 100%", output, StringComparison.Ordinal);
        // The same text the HTTP API gives for the same prompt: the grain calls reached the model.
        using var response = await cluster.ApiHostB.Http.PostAsJsonAsync("v1/completions", new { model = Model, prompt = Prompt, max_tokens = 8 });
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var text = json.RootElement.GetProperty("choices")[0].GetProperty("text").GetString();
        Assert.Contains($"): {text}", output, StringComparison.Ordinal);
        Assert.Contains($"stream: {text}", output, StringComparison.Ordinal);
        Assert.Contains("stream ended (Length)", output, StringComparison.Ordinal);
    }
}
