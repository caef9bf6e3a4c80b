using System.Diagnostics;
using Orleans.Inference.Tests.Infrastructure;
using Orleans.Inference.Tests.Infrastructure.Traffic;
using Xunit.Abstractions;
using static Orleans.Inference.Tests.Infrastructure.FaultsApiHostFactory;

namespace Orleans.Inference.Tests.Grains.Backends.Http;

/// <summary>
/// Backend faults injected into the Simulators (errors at a rate, latency past the attempt timeout, connections dropped
/// or gone silent mid-stream) under concurrent mixed traffic, some of it cancelled by its clients: every request ends, in time, with its
/// answer or a clear error, and nothing is left behind (requests in flight, activations, backend connections).
/// </summary>
[Collection(FaultsCollection.Name)]
public sealed class FaultInjectionTests(FaultsApiHostFactory host, ITestOutputHelper output)
{
    private const int Requests = 250;
    private const int MaxTokens = 8;

    public static TheoryData<string> Faults => ["errors", "latency", "drops", "stalls"];

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task Requests_UnderBackendFaults_EachEndsWithItsAnswerOrAClearError_AndNothingLeaks(string fault)
    {
        var client = new TrafficClient(host.Leaving, TimeSpan.FromSeconds(30));
        // A replica the last case's faults took out may still be out for a second, and its circuit breaker counts that case's
        // failures for a sampling window (2 s) after it: only a whole window of answered requests starts this case afresh.
        var servingSince = Stopwatch.StartNew();
        await HttpJson.EventuallyAsync(async () =>
        {
            if ((await client.SendAsync(new TrafficRequest(Remote, "warm", MaxTokens, Chat: false, Stream: false))).Reason != TrafficOutcome.Ok) servingSince.Restart();
            return servingSince.Elapsed >= FaultsApiHostFactory.SamplingDuration;
        }, TimeSpan.FromSeconds(30), "the model serves for a whole sampling window before the faults");
        var activations = await host.GatewayActivationsAsync();
        var random = new Random(fault.Length);
        var requests = Enumerable.Range(0, Requests)
            .Select(_ => TrafficRequest.Draw(random, Remote, MaxTokens, cancelShare: 0.15, cancelWithin: TimeSpan.FromMilliseconds(300)))
            .ToList();

        var tally = new TrafficTally();
        await host.SetFaultsAsync(fault switch
        {
            "errors" => new SimulatorFaults(ErrorRate: 0.3, Seed: 3),
            "latency" => new SimulatorFaults(AddedLatencyMs: 1500),
            "drops" => new SimulatorFaults(DropAfterTokens: 3),
            _ => new SimulatorFaults(StallAfterTokens: 3),
        });
        try
        {
            tally.AddRange(await client.SendAllAsync(requests, concurrency: 50));
        }
        finally
        {
            await host.SetFaultsAsync(new SimulatorFaults());
        }

        tally.AssertEveryRequestEndedClearly();
        var summary = tally.Describe();
        output.WriteLine($"{fault}: {summary}");
        Assert.True(tally.Outcomes.Count(o => o.IsClearError) > 0, $"the faults reached callers:\n{summary}");
        switch (fault)
        {
            case "errors":
                // Retries and the circuit breaker decide how many get through; some do, the rest are told why.
                Assert.True(tally.Count(TrafficOutcome.Ok) > 0, summary);
                break;
            case "latency":
                // Every response starts too late, streamed or not: no request can succeed, and none waits past its deadline.
                Assert.True(tally.Count("504 backend_timeout") > 0, summary);
                Assert.Equal(0, tally.Count(TrafficOutcome.Ok));
                break;
            case "drops":
                // Only streamed backend responses are cut (a lone non-streamed request is answered whole).
                Assert.True(tally.Count("stream backend_error") > 0, summary);
                break;
            default:
                // A stream that goes silent is given up after the stream idle timeout, its callers told so.
                Assert.True(tally.Count("stream backend_timeout") > 0, summary);
                break;
        }

        await AssertNothingLeftBehindAsync(activations);
    }

    private async Task AssertNothingLeftBehindAsync(Dictionary<string, int> activationsBefore)
    {
        await host.SettleAsync(Remote);
        await host.AssertNoActivationAddedAsync(activationsBefore);
        // And the model serves again once the faults are gone (a replica taken out comes back after a second).
        var client = new TrafficClient(host.Leaving, TimeSpan.FromSeconds(30));
        await HttpJson.EventuallyAsync(async () => (await client.SendAsync(new TrafficRequest(Remote, "healed", MaxTokens, Chat: true, Stream: true))).Reason == TrafficOutcome.Ok,
            TimeSpan.FromSeconds(20), "the model serves again without faults");
    }
}
