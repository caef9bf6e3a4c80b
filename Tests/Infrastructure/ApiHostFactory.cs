using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Inference.Backends;
using Orleans.Inference.Backends.Simulated;

namespace Orleans.Inference.Tests.Infrastructure;

/// <summary>
/// The real ApiHost (Program) on Kestrel over loopback, co-hosting its silo on free ports, with the test catalog
/// added to the default one. Tests talk to it over real HTTP.
/// </summary>
public sealed class ApiHostFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public ApiHostFactory() => UseKestrel(0);

    /// <summary>The server's base address, e.g. http://127.0.0.1:41234/.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>One pooled client for the tests, as an application would hold.</summary>
    public HttpClient Http { get; private set; } = null!;

    public Task InitializeAsync()
    {
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal) + "/");
        Http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        return Task.CompletedTask;
    }

    public new async Task DisposeAsync()
    {
        Http.Dispose();
        await base.DisposeAsync();
    }

    /// <summary>Decode steps the model's simulated engine has run in this host.</summary>
    public long StepsOf(string modelId) => (Services.GetRequiredService<BackendProvider>().Find(modelId) as SimulatedBackend)?.Steps ?? 0;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var siloPort = FreePort();
        var settings = TestCatalog.Settings();
        settings["Orleans:SiloPort"] = siloPort.ToString();
        settings["Orleans:PrimarySiloPort"] = siloPort.ToString();
        settings["Orleans:GatewayPort"] = FreePort().ToString();
        settings["Orleans:ClusterId"] = "api-tests-" + Guid.NewGuid().ToString("N");
        builder.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(settings));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(Name)]
public sealed class ApiHostCollection : ICollectionFixture<ApiHostFactory>
{
    public const string Name = "apihost";
}
