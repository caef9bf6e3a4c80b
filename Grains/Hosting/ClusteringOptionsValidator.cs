using Microsoft.Extensions.Options;

namespace Orleans.Inference.Hosting;

/// <summary>Checks the <c>Orleans</c> section at start, so a cluster misconfiguration stops the host with a clear message.</summary>
internal sealed class ClusteringOptionsValidator : IValidateOptions<ClusteringOptions>
{
    public ValidateOptionsResult Validate(string? name, ClusteringOptions options)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ClusterId)) problems.Add("Orleans:ClusterId must not be empty.");
        if (string.IsNullOrWhiteSpace(options.ServiceId)) problems.Add("Orleans:ServiceId must not be empty.");
        if (!System.Net.IPAddress.TryParse(options.AdvertisedAddress, out _)) problems.Add("Orleans:AdvertisedAddress must be an IP address.");
        var membership = options.Membership;
        if (membership.Provider == MembershipProvider.Redis && string.IsNullOrWhiteSpace(membership.Redis))
            problems.Add("Orleans:Membership:Redis (a connection string such as 127.0.0.1:6379) is required with Orleans:Membership:Provider=Redis.");
        if (membership.ProbeTimeout <= TimeSpan.Zero) problems.Add("Orleans:Membership:ProbeTimeout must be positive.");
        if (membership.MissedProbesLimit < 1) problems.Add("Orleans:Membership:MissedProbesLimit must be at least 1.");
        if (membership.GatewayListRefresh <= TimeSpan.Zero) problems.Add("Orleans:Membership:GatewayListRefresh must be positive.");
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
