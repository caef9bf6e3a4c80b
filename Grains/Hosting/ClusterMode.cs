namespace Orleans.Inference.Hosting;

/// <summary>What an ApiHost runs: <c>Orleans:Mode</c>.</summary>
public enum ClusterMode
{
    /// <summary>Co-hosts a silo: grains can run here, and calls to them stay in-process.</summary>
    Silo,

    /// <summary>A pure client: every grain call goes to a silo of the cluster through its gateway.</summary>
    Client,
}
