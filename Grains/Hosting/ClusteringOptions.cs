namespace Orleans.Inference.Hosting;

/// <summary>How a silo finds its cluster: section <c>Orleans</c>. Localhost clustering is the embedded default.</summary>
public sealed class ClusteringOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Orleans";

    /// <summary>The cluster's id; silos with the same id form one cluster.</summary>
    public string ClusterId { get; set; } = "orleans-inference";

    /// <summary>The service's id; keep it across deployments so that grain state stays readable.</summary>
    public string ServiceId { get; set; } = "orleans-inference";

    /// <summary>Silo-to-silo port.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Port for external <c>IClusterClient</c>s (internal .NET services).</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The port of the localhost cluster's primary silo; the silo that listens on it is the primary.</summary>
    public int PrimarySiloPort { get; set; } = 11111;
}
