namespace Orleans.Inference.Hosting;

/// <summary>Where cluster membership is kept: <c>Orleans:Membership:Provider</c>.</summary>
public enum MembershipProvider
{
    /// <summary>In the primary silo's memory (development clustering): one machine, state lost with the process.</summary>
    Localhost,

    /// <summary>In Redis (<c>Orleans:Membership:Redis</c>), with the models' desired state and registered models.</summary>
    Redis,
}
