using Microsoft.Extensions.DependencyInjection;
using Orleans.Inference.Models;
using Orleans.Inference.Tests.Infrastructure;

namespace Orleans.Inference.Tests.Grains.Placement;

/// <summary>
/// A model's batch grain lives where its model is loaded, in a real two-silo cluster, even after the model grain moves:
/// no test lets the batch grain go by hand, it follows on its own.
/// </summary>
[Collection(GrainCallTwoSiloCollection.Name)]
public sealed class ModelColocatedPlacementTests(GrainCallTwoSiloFactory host)
{
    [Fact]
    public async Task ModelGrainMoves_BatchGrainFollowsItThereAndServesFromThere()
    {
        // Its own model, so the transport tests' moves of test-remote are not in the way.
        const string ModelId = TestCatalog.Lazy;
        var first = host.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;
        var second = host.SecondSilo.GetRequiredService<ILocalSiloDetails>().SiloAddress;
        using (var load = await host.Http.PostJsonAsync("v1/completions", """{"model":"test-lazy","prompt":"load","max_tokens":1}"""))
        {
            Assert.True(load.IsSuccessStatusCode, await load.Content.ReadAsStringAsync());
        }

        // Wherever the model first landed, move it to the other silo and back: the batch grain is then once on the
        // wrong side of the move in each direction.
        var model = host.Grains.GetGrain<IModelGrainControl>(ModelId);
        var start = await model.GetSiloAsync();
        foreach (var silo in start.Equals(first) ? new[] { second, first } : [first, second])
        {
            await host.MoveModelAsync(ModelId, silo);
            await host.WaitForBatchGrainOnAsync(ModelId, silo, TimeSpan.FromSeconds(10));

            var stepsBefore = StepsOn(silo, ModelId);
            using var response = await host.Http.PostJsonAsync("v1/completions", """{"model":"test-lazy","prompt":"here","max_tokens":5}""");
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
            Assert.True(StepsOn(silo, ModelId) - stepsBefore >= 5, $"the engine on {silo}, where the model moved, ran the request");
        }
    }

    [Fact]
    public async Task ModelMovesWhileRequestsWaitForIt_EveryRequestIsServedThenTheBatchGrainFollows()
    {
        const string ModelId = TestCatalog.Follow;
        using (var load = await host.Http.PostJsonAsync("v1/completions", """{"model":"test-follow","prompt":"load","max_tokens":1}"""))
        {
            Assert.True(load.IsSuccessStatusCode, await load.Content.ReadAsStringAsync());
        }

        var start = await host.Grains.GetGrain<IModelGrainControl>(ModelId).GetSiloAsync();
        await host.WaitForBatchGrainOnAsync(ModelId, start, TimeSpan.FromSeconds(10));
        var target = start.Equals(host.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress)
            ? host.SecondSilo.GetRequiredService<ILocalSiloDetails>().SiloAddress
            : host.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;

        // Only the model grain moves: it loads again on the other silo when asked (in a second), while the batch grain it
        // left behind takes requests that wait for that load, and then for their 300 ms window once the load tells it to follow.
        await host.MoveModelGrainAsync(ModelId, target);
        Assert.NotEqual(ModelState.Ready, (await host.Grains.GetGrain<IModelGrain>(ModelId).GetStatusAsync()).State);
        var requests = Enumerable.Range(0, 4).Select(i => SendAsync(stream: i % 2 == 1)).ToList();

        // A move started with them in flight held the window's timer tick until they ended, and so for ever.
        var results = await Task.WhenAll(requests).WaitAsync(TimeSpan.FromSeconds(20));
        Assert.All(results, result => Assert.True(result.Ok, result.Detail));
        await host.WaitForBatchGrainOnAsync(ModelId, target, TimeSpan.FromSeconds(10));
    }

    private async Task<(bool Ok, string Detail)> SendAsync(bool stream)
    {
        var body = $$"""{"model":"test-follow","prompt":"waits","max_tokens":5,"stream":{{(stream ? "true" : "false")}}}""";
        using var response = await host.Http.PostJsonAsync("v1/completions", body);
        if (!stream) return (response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var events = await ServerSentEvents.ReadAllDataAsync(response);
        return (response.IsSuccessStatusCode && events[^1] == "[DONE]" && !events.Any(e => e.Contains("\"error\"", StringComparison.Ordinal)), string.Join("\n", events));
    }

    private long StepsOn(SiloAddress silo, string modelId) =>
        silo.Equals(host.SecondSilo.GetRequiredService<ILocalSiloDetails>().SiloAddress) ? host.SecondSiloStepsOf(modelId) : host.StepsOf(modelId);
}
