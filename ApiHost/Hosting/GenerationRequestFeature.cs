using System.Diagnostics;
using Orleans.Inference.Generation;

namespace Orleans.Inference.ApiHost.Hosting;

/// <summary>What the request metrics learn about a generation request as it goes: its model (once known) and how it ended.</summary>
internal sealed class GenerationRequestFeature
{
    /// <summary>When the request arrived, for time to first token.</summary>
    public long Started { get; } = Stopwatch.GetTimestamp();

    /// <summary>The model, once the catalog knows it: unknown ids are not tags, or clients could grow the metrics at will.</summary>
    public string? Model { get; set; }

    /// <summary>Whose request it is, once the endpoint knows (see <c>RequestTenants</c>).</summary>
    public Tenant? Tenant { get; set; }

    /// <summary>True when a stream that had started ended with an error event (its status was already 200).</summary>
    public bool StreamFailed { get; set; }

    /// <summary>True for the generation endpoints (<c>/v1/completions</c>, <c>/v1/chat/completions</c>).</summary>
    public static bool IsGeneration(HttpRequest request) =>
        request.Path.StartsWithSegments("/v1/completions") || request.Path.StartsWithSegments("/v1/chat/completions");
}
