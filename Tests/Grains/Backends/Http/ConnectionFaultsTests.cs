using Orleans.Inference.Tests.Infrastructure;
using Orleans.Inference.Tests.Infrastructure.Traffic;
using Xunit.Abstractions;
using static Orleans.Inference.Tests.Infrastructure.LlamaServerApiHostFactory;

namespace Orleans.Inference.Tests.Grains.Backends.Http;

/// <summary>
/// A server that treats connections as llama.cpp's does: it closes pooled connections without warning (after every
/// stream, or after 5 requests), or serves fewer connections at once than the pool holds. No request may fail or stall.
/// </summary>
[Collection(LlamaServerCollection.Name)]
public sealed class ConnectionFaultsTests(LlamaServerApiHostFactory host, ITestOutputHelper output)
{
    private const int Clients = 16;
    private const int PerClient = 25;

    public static TheoryData<string, bool, bool> Closes()
    {
        var data = new TheoryData<string, bool, bool>();
        foreach (var mode in new[] { "close-after-stream", "close-after-5-requests" })
        foreach (var stream in new[] { true, false })
        foreach (var chat in new[] { true, false })
            data.Add(mode, stream, chat);
        return data;
    }

    [Theory]
    [MemberData(nameof(Closes))]
    public async Task Requests_ServerClosesPooledConnectionsWithoutWarning_NoneFails_AndConnectionsStayWithinThePool(string mode, bool stream, bool chat)
    {
        await host.Closing.SetFaultsAsync(mode == "close-after-stream" ? new SimulatorFaults(CloseAfterStream: true) : new SimulatorFaults(KeepAliveMaxRequests: 5));
        try
        {
            var requests = Enumerable.Range(0, Clients * PerClient).Select(i => new TrafficRequest(ClosingModel, $"request {i}", 16, chat, stream)).ToList();
            using var sampling = new CancellationTokenSource();
            var peak = ConnectionSampler.PeakAsync(async () => (await host.Closing.GetStatsAsync()).OpenConnections, sampling.Token);

            var tally = new TrafficTally();
            tally.AddRange(await new TrafficClient(host.Http, TimeSpan.FromSeconds(30)).SendAllAsync(requests, Clients));
            await sampling.CancelAsync();

            output.WriteLine($"{mode}, {requests[0].Kind}: {tally.Describe()}; peak {await peak} connections");
            Assert.True(tally.Count(TrafficOutcome.Ok) == requests.Count, tally.Describe());
            // The sampler's own /stats connection is the one more.
            Assert.InRange(await peak, 1, ClosingPool + 1);
        }
        finally
        {
            await host.Closing.SetFaultsAsync(new SimulatorFaults());
        }
    }

    [Fact]
    public async Task Requests_PoolLargerThanTheServersThreads_NoneWaitsForAnIdleConnectionToTimeOut()
    {
        // Waves of 24 against 6 serving threads: with 8 connections, 2 would sit accepted and unserved until another's
        // 5 s keep-alive ran out. The pool is capped at the server's threads, read from its /props.
        var client = new TrafficClient(host.Http, TimeSpan.FromSeconds(30));
        var outcomes = new List<TrafficOutcome>();
        for (var wave = 0; wave < 4; wave++)
        {
            var requests = Enumerable.Range(0, 24).Select(i => new TrafficRequest(ThreadsModel, $"wave {wave} {i}", 16, Chat: false, Stream: i % 2 == 0)).ToList();
            outcomes.AddRange(await client.SendAllAsync(requests, 24));
        }

        var slowest = outcomes.Max(o => o.Elapsed);
        output.WriteLine($"slowest of {outcomes.Count}: {slowest.TotalMilliseconds:F0} ms");
        Assert.All(outcomes, o => Assert.Equal(TrafficOutcome.Ok, o.Reason));
        Assert.True(slowest < TimeSpan.FromSeconds(2.5), $"a request took {slowest.TotalMilliseconds:F0} ms: it waited for an idle connection's keep-alive");
    }
}
