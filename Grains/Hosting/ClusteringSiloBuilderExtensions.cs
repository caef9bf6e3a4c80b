using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Clustering.Redis;
using Orleans.Configuration;
using StackExchange.Redis;

namespace Orleans.Inference.Hosting;

/// <summary>Clustering from configuration, shared by the ApiHost's co-hosted silo and the Silo project.</summary>
public static class ClusteringSiloBuilderExtensions
{
    /// <summary>
    /// Joins the cluster described by the <c>Orleans</c> section (see <see cref="ClusteringOptions"/>): localhost clustering
    /// by default; with <c>Orleans:Membership:Provider=Redis</c>, membership and the inference grain state in Redis and
    /// failure detection tuned to declare a killed silo dead within a few seconds. The provider is chosen when the host is
    /// built; the other options are read when the silo starts, so configuration added late (tests, command line) still counts.
    /// </summary>
    public static ISiloBuilder UseInferenceClustering(this ISiloBuilder builder)
    {
        builder.Services.AddClusteringOptions();
        builder.Services.AddOptions<ClusterOptions>().Configure<IOptions<ClusteringOptions>>((cluster, options) =>
        {
            cluster.ClusterId = options.Value.ClusterId;
            cluster.ServiceId = options.Value.ServiceId;
        });
        builder.Services.AddOptions<EndpointOptions>().Configure<IOptions<ClusteringOptions>>((endpoints, options) =>
        {
            endpoints.AdvertisedIPAddress = IPAddress.Parse(options.Value.AdvertisedAddress);
            endpoints.SiloPort = options.Value.SiloPort;
            endpoints.GatewayPort = options.Value.GatewayPort;
        });
        if (ReadClustering(builder.Configuration).Membership.Provider == MembershipProvider.Redis) return builder.UseRedis();
        return builder.UseDevelopmentClustering(membership => membership.Configure<IOptions<ClusteringOptions>>((development, options) =>
            development.PrimarySiloEndpoint = new IPEndPoint(IPAddress.Loopback, options.Value.PrimarySiloPort)));
    }

    /// <summary>Binds and validates the <c>Orleans</c> section; silos and clients both use it.</summary>
    public static IServiceCollection AddClusteringOptions(this IServiceCollection services)
    {
        services.AddOptions<ClusteringOptions>().BindConfiguration(ClusteringOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ClusteringOptions>, ClusteringOptionsValidator>());
        return services;
    }

    /// <summary>The <c>Orleans</c> section as it stands now: for choices made while the host is built (provider, mode).</summary>
    public static ClusteringOptions ReadClustering(IConfiguration configuration) =>
        configuration.GetSection(ClusteringOptions.SectionName).Get<ClusteringOptions>() ?? new ClusteringOptions();

    /// <summary>The Redis connection <c>Orleans:Membership:Redis</c> names.</summary>
    internal static ConfigurationOptions RedisConnection(IOptions<ClusteringOptions> options) =>
        ConfigurationOptions.Parse(options.Value.Membership.Redis ?? throw new InvalidOperationException("Orleans:Membership:Redis is not set."));

    private static ISiloBuilder UseRedis(this ISiloBuilder builder)
    {
        builder.UseRedisClustering(_ => { });
        builder.Services.AddOptions<RedisClusteringOptions>().Configure<IOptions<ClusteringOptions>>((redis, options) =>
            redis.ConfigurationOptions = RedisConnection(options));
        builder.Services.AddOptions<ClusterMembershipOptions>().Configure<IOptions<ClusteringOptions>>((membership, options) =>
        {
            membership.ProbeTimeout = options.Value.Membership.ProbeTimeout;
            membership.NumMissedProbesLimit = options.Value.Membership.MissedProbesLimit;
        });

        // The models' desired state, the registered models, the keys' quota counts and stream subscriptions outlive any one silo.
        foreach (var name in (string[])[InferenceStorage.Name, InferenceStorage.PubSub])
        {
            builder.AddRedisGrainStorage(name, storage => storage.Configure<IOptions<ClusteringOptions>>((redis, options) =>
                redis.ConfigurationOptions = RedisConnection(options)));
        }

        return builder;
    }
}
