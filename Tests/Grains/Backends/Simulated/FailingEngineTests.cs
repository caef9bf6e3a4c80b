using Orleans.Inference.Tests.Infrastructure;
using Orleans.Inference.Tests.Infrastructure.Traffic;

namespace Orleans.Inference.Tests.Grains.Backends.Simulated;

/// <summary>
/// The in-process engine failing single sequences (FailPromptsContaining) under concurrent mixed traffic, over HTTP: each
/// failing caller gets a clear error and the callers batched with it get their whole answers.
/// </summary>
[Collection(ApiHostCollection.Name)]
public sealed class FailingEngineTests(ApiHostFactory host)
{
    private const int MaxTokens = 12;

    [Fact]
    public async Task Requests_SomeSequencesFailAfterThreeTokens_TheirBatchmatesSucceed_AndTheFailingGetAClearError()
    {
        var random = new Random(9);
        var requests = Enumerable.Range(0, 60).Select(_ => TrafficRequest.Draw(random, TestCatalog.MidStreamFail, MaxTokens, failShare: 0.25)).ToList();
        var stepsBefore = host.StepsOf(TestCatalog.MidStreamFail);

        var outcomes = await new TrafficClient(host.Leaving, TimeSpan.FromSeconds(30)).SendAllAsync(requests, concurrency: requests.Count);

        Assert.All(outcomes, outcome =>
        {
            // A stream that has begun can only end in an error event; a whole answer fails with a status.
            var expected = !Fails(outcome) ? TrafficOutcome.Ok : outcome.Request.Stream ? "stream backend_error" : "502 backend_error";
            Assert.Equal(expected, outcome.Reason);
            Assert.Equal(Fails(outcome) ? (outcome.Request.Stream ? 3 : 0) : MaxTokens, outcome.Tokens);
        });
        Assert.Contains(outcomes, Fails);
        // Had the requests not shared batches, every token would have cost a step of its own.
        var steps = host.StepsOf(TestCatalog.MidStreamFail) - stepsBefore;
        Assert.True(steps < requests.Count * MaxTokens / 2, $"{steps} steps for {requests.Count} requests of {MaxTokens} tokens: they were not batched");
        await HttpJson.EventuallyAsync(async () => await host.InFlightAsync(TestCatalog.MidStreamFail) == 0, TimeSpan.FromSeconds(10), "nothing stays in flight");
    }

    [Fact]
    public async Task Requests_SomeSequencesFailBeforeTheirFirstToken_GetAnErrorStatusEvenWhenStreamed()
    {
        var random = new Random(4);
        var requests = Enumerable.Range(0, 40).Select(_ => TrafficRequest.Draw(random, TestCatalog.Faulty, MaxTokens, failShare: 0.25)).ToList();

        var outcomes = await new TrafficClient(host.Leaving, TimeSpan.FromSeconds(30)).SendAllAsync(requests, concurrency: requests.Count);

        // Nothing was written before the failure, so a stream can still answer with a proper status.
        Assert.All(outcomes, outcome => Assert.Equal(Fails(outcome) ? "502 backend_error" : TrafficOutcome.Ok, outcome.Reason));
        Assert.Contains(outcomes, o => Fails(o) && o.Request.Stream);
        await HttpJson.EventuallyAsync(async () => await host.InFlightAsync(TestCatalog.Faulty) == 0, TimeSpan.FromSeconds(10), "nothing stays in flight");
    }

    private static bool Fails(TrafficOutcome outcome) => outcome.Request.Prompt.StartsWith("FAIL", StringComparison.Ordinal);
}
