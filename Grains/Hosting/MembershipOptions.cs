namespace Orleans.Inference.Hosting;

/// <summary>Section <c>Orleans:Membership</c>: the membership provider and failure detection.</summary>
public sealed class MembershipOptions
{
    /// <summary>Localhost (the embedded default) or Redis.</summary>
    public MembershipProvider Provider { get; set; } = MembershipProvider.Localhost;

    /// <summary>The Redis connection string (StackExchange.Redis syntax), e.g. <c>127.0.0.1:6379</c>; required with Redis.</summary>
    public string? Redis { get; set; }

    /// <summary>How long a silo waits for a probe's answer before counting it missed (Redis clustering only; Orleans' default is 5 s).</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Missed probes in a row before a silo votes another dead (Redis clustering only; Orleans' default is 3).</summary>
    public int MissedProbesLimit { get; set; } = 2;

    /// <summary>How often an ApiHost in client mode refreshes its list of gateways (Orleans' default is 1 minute).</summary>
    public TimeSpan GatewayListRefresh { get; set; } = TimeSpan.FromSeconds(5);
}
