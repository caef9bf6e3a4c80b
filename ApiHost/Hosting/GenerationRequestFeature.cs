using System.Diagnostics;
using Orleans.Inference.ApiHost.Quotas;
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

    /// <summary>Its admission against its key's quotas, when the key has any.</summary>
    public QuotaDecision? Quota { get; set; }

    /// <summary>
    /// The request's usage is known (prompt and completion tokens): its key's quota is charged that, not its reservation.
    /// A request that never learns its usage (a failed backend, a client that left) keeps its reservation.
    /// </summary>
    public void Used(long tokens) => Quota?.Settle(tokens);

    /// <summary>True when a stream that had started ended with an error event (its status was already 200).</summary>
    public bool StreamFailed { get; set; }

    /// <summary>Once the endpoint knows them: the request's model and tenant, for the metrics.</summary>
    public void Identify(string model, Tenant? tenant) => (Model, Tenant) = (model, tenant);

    /// <summary>True for the generation endpoints (<c>/v1/completions</c>, <c>/v1/chat/completions</c>).</summary>
    public static bool IsGeneration(HttpRequest request) =>
        request.Path.StartsWithSegments("/v1/completions") || request.Path.StartsWithSegments("/v1/chat/completions");
}
