using System.Net;
using Orleans.Inference.Tests.Infrastructure;

namespace Orleans.Inference.Tests.Simulator;

/// <summary>
/// The Simulator playing llama.cpp's server with connections: closing them unannounced, and serving them on a fixed
/// number of threads. Read over raw sockets, since what matters is what the client is (not) told.
/// </summary>
public sealed class SimulatorConnectionFaultTests
{
    private const string Stream = """{"model":"sim-instant","prompt":"x","max_tokens":3,"stream":true}""";
    private const string Whole = """{"model":"sim-instant","prompt":"x","max_tokens":3}""";

    [Fact]
    public async Task CloseAfterStream_StreamedResponseEndsWithoutConnectionClose_ThenTheConnectionIsClosed_WholeOnesStayOpen()
    {
        await using var simulator = await SimulatorProcess.StartAsync("--Simulator:Faults:CloseAfterStream=true");
        using var connection = await RawHttpConnection.OpenAsync(simulator.BaseAddress);

        var whole = await connection.SendAsync(Whole);
        var streamed = await connection.SendAsync(Stream);

        Assert.DoesNotContain("connection: close", whole.Headers, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("connection: close", streamed.Headers, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("data: [DONE]", streamed.Body);
        Assert.True(await connection.ClosedByServerAsync(), "the server closed the connection after the stream");
    }

    [Fact]
    public async Task KeepAliveMaxRequests_TheConnectionClosesAfterItsFifthRequest()
    {
        await using var simulator = await SimulatorProcess.StartAsync("--Simulator:Faults:KeepAliveMaxRequests=5");
        using var connection = await RawHttpConnection.OpenAsync(simulator.BaseAddress);

        for (var i = 0; i < 4; i++) Assert.Contains("200 OK", (await connection.SendAsync(Whole)).Headers);
        var fifth = await connection.SendAsync(Whole);

        Assert.Contains("200 OK", fifth.Headers);
        Assert.True(await connection.ClosedByServerAsync(), "the server closed the connection after its fifth request");
    }

    [Fact]
    public async Task ServingThreads_PropsAnswersTheSlots_AndAConnectionPastTheThreadsWaitsUnserved()
    {
        await using var simulator = await SimulatorProcess.StartAsync("--Simulator:Faults:ServingThreads=3", "--Simulator:Faults:KeepAliveSeconds=30");
        var connections = new List<RawHttpConnection>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                connections.Add(await RawHttpConnection.OpenAsync(simulator.BaseAddress));
                Assert.Contains("200 OK", (await connections[^1].SendAsync(Whole)).Headers);
            }

            // Three threads, each held by an idle keep-alive connection: a fourth is accepted, and not answered.
            connections.Add(await RawHttpConnection.OpenAsync(simulator.BaseAddress));
            var fourth = connections[^1].SendAsync(Whole);
            var answeredEarly = await Task.WhenAny(fourth, Task.Delay(TimeSpan.FromMilliseconds(500))) == fourth;
            connections[0].Dispose();

            Assert.False(answeredEarly, "a connection past the serving threads waits");
            Assert.Contains("200 OK", (await fourth.WaitAsync(TimeSpan.FromSeconds(10))).Headers);
            var props = await connections[1].SendAsync("GET", "/props", null);
            Assert.Contains("\"total_slots\":1", props.Body);
        }
        finally
        {
            foreach (var connection in connections) connection.Dispose();
        }
    }

    [Fact]
    public async Task Props_WithoutServingThreads_Returns404()
    {
        await using var simulator = await SimulatorProcess.StartAsync();

        using var response = await simulator.Http.GetAsync("props");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("not_found", (await response.ReadJsonAsync()).GetProperty("error").GetProperty("code").GetString());
    }
}
