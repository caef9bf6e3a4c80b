namespace Orleans.Inference.Hosting;

/// <summary>
/// How a host joins its cluster: section <c>Orleans</c>. The embedded default is one silo on localhost clustering;
/// <c>Orleans:Membership:Provider=Redis</c> makes a real cluster of any number of ApiHosts and Silos (see docs/cluster).
/// </summary>
public sealed class ClusteringOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Orleans";

    /// <summary>Whether the ApiHost co-hosts a silo (the default) or only connects to a cluster as a client. The Silo always runs a silo.</summary>
    public ClusterMode Mode { get; set; } = ClusterMode.Silo;

    /// <summary>The cluster's id; silos with the same id form one cluster.</summary>
    public string ClusterId { get; set; } = "orleans-inference";

    /// <summary>The service's id; keep it across deployments so that grain state stays readable.</summary>
    public string ServiceId { get; set; } = "orleans-inference";

    /// <summary>Silo-to-silo port.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Port for external <c>IClusterClient</c>s (internal .NET services, ApiHosts in client mode).</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The address this silo tells the others to reach it on; loopback suits one machine.</summary>
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    /// <summary>The port of the localhost cluster's primary silo; the silo that listens on it is the primary.</summary>
    public int PrimarySiloPort { get; set; } = 11111;

    /// <summary>
    /// Where membership (and in Redis mode grain state) is kept, and how fast a dead silo is noticed: <c>Orleans:Membership</c>.
    /// Not <c>Orleans:Clustering</c>: Orleans itself reads that section (its own <c>ProviderType</c> schema) and fails on other keys.
    /// </summary>
    public MembershipOptions Membership { get; set; } = new();
}
