using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Clustering.Redis;
using Orleans.Configuration;

namespace Orleans.Inference.Hosting;

/// <summary>Clustering for a pure client (an ApiHost with <c>Orleans:Mode=Client</c>), from the same <c>Orleans</c> section as the silos.</summary>
public static class ClusteringClientBuilderExtensions
{
    /// <summary>
    /// Connects to the cluster's gateways: those Redis lists (refreshed every <see cref="MembershipOptions.GatewayListRefresh"/>,
    /// so a dead silo's gateway is dropped and a joining one used), or the localhost silo's <see cref="ClusteringOptions.GatewayPort"/>.
    /// </summary>
    public static IClientBuilder UseInferenceClustering(this IClientBuilder builder)
    {
        builder.Services.AddClusteringOptions();
        var clustering = ClusteringSiloBuilderExtensions.ReadClustering(builder.Configuration);
        if (clustering.Membership.Provider != MembershipProvider.Redis)
            return builder.UseLocalhostClustering(clustering.GatewayPort, clustering.ServiceId, clustering.ClusterId);

        builder.Services.AddOptions<ClusterOptions>().Configure<IOptions<ClusteringOptions>>((cluster, options) =>
        {
            cluster.ClusterId = options.Value.ClusterId;
            cluster.ServiceId = options.Value.ServiceId;
        });
        builder.Services.AddOptions<GatewayOptions>().Configure<IOptions<ClusteringOptions>>((gateways, options) =>
            gateways.GatewayListRefreshPeriod = options.Value.Membership.GatewayListRefresh);
        builder.UseRedisClustering(_ => { });
        builder.Services.AddOptions<RedisClusteringOptions>().Configure<IOptions<ClusteringOptions>>((redis, options) =>
            redis.ConfigurationOptions = ClusteringSiloBuilderExtensions.RedisConnection(options));
        return builder;
    }
}
