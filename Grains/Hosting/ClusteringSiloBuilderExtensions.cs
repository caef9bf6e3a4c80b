using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Orleans.Inference.Hosting;

/// <summary>Clustering from configuration, shared by the ApiHost's co-hosted silo and the Silo project.</summary>
public static class ClusteringSiloBuilderExtensions
{
    /// <summary>
    /// Joins the localhost cluster described by the <c>Orleans</c> section (see <see cref="ClusteringOptions"/>).
    /// Options are read when the silo starts, so configuration added late (tests, command line) still counts.
    /// </summary>
    public static ISiloBuilder UseInferenceClustering(this ISiloBuilder builder)
    {
        builder.Services.AddOptions<ClusteringOptions>().BindConfiguration(ClusteringOptions.SectionName);
        builder.Services.AddOptions<ClusterOptions>().Configure<IOptions<ClusteringOptions>>((cluster, options) =>
        {
            cluster.ClusterId = options.Value.ClusterId;
            cluster.ServiceId = options.Value.ServiceId;
        });
        builder.Services.AddOptions<EndpointOptions>().Configure<IOptions<ClusteringOptions>>((endpoints, options) =>
        {
            endpoints.AdvertisedIPAddress = IPAddress.Loopback;
            endpoints.SiloPort = options.Value.SiloPort;
            endpoints.GatewayPort = options.Value.GatewayPort;
        });
        return builder.UseDevelopmentClustering(membership => membership.Configure<IOptions<ClusteringOptions>>((development, options) =>
            development.PrimarySiloEndpoint = new IPEndPoint(IPAddress.Loopback, options.Value.PrimarySiloPort)));
    }
}
