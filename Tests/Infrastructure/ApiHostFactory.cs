using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Inference.Backends;
using Orleans.Inference.Backends.Simulated;
using Orleans.Inference.Batching;

namespace Orleans.Inference.Tests.Infrastructure;

/// <summary>
/// The real ApiHost (Program) on Kestrel over loopback, co-hosting its silo on free ports, with the test catalog
/// added to the default one. Tests talk to it over real HTTP. Subclasses change its settings (the token transport).
/// </summary>
public class ApiHostFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public ApiHostFactory() => UseKestrel(0);

    /// <summary>The server's base address, e.g. http://127.0.0.1:41234/.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>One pooled client for the tests, as an application would hold.</summary>
    public HttpClient Http { get; private set; } = null!;

    /// <summary>
    /// A client that closes its connection as soon as it disposes a response it has not read to the end, as a closed
    /// browser tab does; HttpClient otherwise drains an unfinished response for up to two seconds to reuse the connection.
    /// </summary>
    public HttpClient Leaving { get; private set; } = null!;

    /// <summary>The configuration the host was started with, for silos that join its cluster.</summary>
    public Dictionary<string, string?> Settings { get; } = TestCatalog.Settings();

    /// <summary>The co-hosted silo's port: the primary silo of the cluster.</summary>
    public int SiloPort { get; } = FreePort();

    /// <summary>The grain factory of the co-hosted silo.</summary>
    public IGrainFactory Grains => Services.GetRequiredService<IGrainFactory>();

    public virtual Task InitializeAsync()
    {
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal) + "/");
        Http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        Leaving = new HttpClient(new SocketsHttpHandler { MaxResponseDrainSize = 0 }) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        return Task.CompletedTask;
    }

    public new virtual async Task DisposeAsync()
    {
        Http.Dispose();
        Leaving.Dispose();
        await base.DisposeAsync();
    }

    /// <summary>Decode steps the model's simulated engine has run in this host.</summary>
    public long StepsOf(string modelId) => (Services.GetRequiredService<BackendProvider>().Find(modelId) as SimulatedBackend)?.Steps ?? 0;

    /// <summary>Requests queued or running for the model, from its batch grain.</summary>
    public Task<int> InFlightAsync(string modelId) => Grains.GetGrain<IBatchGrain>(modelId).GetInFlightAsync();

    /// <summary>Activations in the cluster, by grain type.</summary>
    public async Task<Dictionary<string, int>> ActivationsAsync()
    {
        var statistics = await Grains.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics();
        return statistics.GroupBy(s => s.GrainType).ToDictionary(g => g.Key, g => g.Sum(s => s.ActivationCount));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Settings["Orleans:SiloPort"] = SiloPort.ToString();
        Settings["Orleans:PrimarySiloPort"] = SiloPort.ToString();
        Settings["Orleans:GatewayPort"] = FreePort().ToString();
        Settings["Orleans:ClusterId"] = "api-tests-" + Guid.NewGuid().ToString("N");
        // A quiet model watch sends its keep-alive comment within a test's patience, not after 15 s.
        Settings["Inference:ModelEvents:KeepAliveInterval"] = "00:00:00.250";
        AddSettings(Settings);

        // UseSetting, unlike ConfigureAppConfiguration, is visible while Program builds: the silo reads the transport then.
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
    }

    /// <summary>Settings of a derived host, added to the test catalog's.</summary>
    protected virtual void AddSettings(Dictionary<string, string?> settings)
    {
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// A loopback port that refuses every connection for as long as the tests run: bound, never listening, never freed.
    /// A port that was merely free when asked can be handed to a Simulator or node started later, which then answers.
    /// </summary>
    public static int RefusingPort => ((IPEndPoint)RefusingSocket.Value.LocalEndPoint!).Port;

    // Held in a static: a socket nothing references would be finalized, and its port freed.
    private static readonly Lazy<Socket> RefusingSocket = new(() =>
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return socket;
    });
}

[CollectionDefinition(Name)]
public sealed class ApiHostCollection : ICollectionFixture<ApiHostFactory>
{
    public const string Name = "apihost";
}
