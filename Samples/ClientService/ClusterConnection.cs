using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using StackExchange.Redis;

namespace Orleans.Inference.Samples.ClientService;

/// <summary>
/// How the service finds the cluster, from the same <c>Orleans</c> settings the gateway's hosts read: Redis membership
/// (<c>Orleans:Membership:Redis</c>, a StackExchange.Redis connection string) when set, otherwise the gateway of a silo on
/// this machine (<c>Orleans:GatewayPort</c>, 30000 by default, where <c>dotnet run --project ApiHost</c> listens).
/// </summary>
internal static class ClusterConnection
{
    public static IClientBuilder UseGatewayCluster(this IClientBuilder client, IConfiguration configuration)
    {
        var orleans = configuration.GetSection("Orleans");
        var clusterId = orleans["ClusterId"] ?? "orleans-inference";
        var serviceId = orleans["ServiceId"] ?? "orleans-inference";
        if (orleans["Membership:Redis"] is not { Length: > 0 } redis)
            return client.UseLocalhostClustering(orleans.GetValue("GatewayPort", 30000), serviceId, clusterId);

        client.Configure<ClusterOptions>(cluster =>
        {
            cluster.ClusterId = clusterId;
            cluster.ServiceId = serviceId;
        });
        return client.UseRedisClustering(options => options.ConfigurationOptions = ConfigurationOptions.Parse(redis));
    }
}
