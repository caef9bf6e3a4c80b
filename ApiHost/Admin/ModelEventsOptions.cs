using System.ComponentModel.DataAnnotations;

namespace Orleans.Inference.ApiHost.Admin;

/// <summary>The watches of <c>/admin/models/{id}/events</c> (section <c>Inference:ModelEvents</c>).</summary>
public sealed class ModelEventsOptions
{
    public const string SectionName = "Inference:ModelEvents";

    /// <summary>
    /// How long a watch may go without an event before it sends an SSE comment: proxies and load balancers close
    /// connections that stay silent (often after 30 to 60 s), and a model at rest can be silent for hours.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(15);
}
