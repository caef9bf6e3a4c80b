using System.ComponentModel.DataAnnotations;

namespace Orleans.Inference.ApiHost.Dashboard;

/// <summary>The dashboard's figures (section <c>Inference:Dashboard</c>).</summary>
public sealed class DashboardOptions
{
    public const string SectionName = "Inference:Dashboard";

    /// <summary>Seconds of history the charts show.</summary>
    [Range(10, 3600)]
    public int WindowSeconds { get; set; } = 60;

    /// <summary>
    /// How long the dashboard keeps listening to the gateway's instruments after its last request; then it stops, costs
    /// nothing, and the next visitor's charts start afresh.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:05", "1.00:00:00")]
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(2);
}
