using System.ComponentModel.DataAnnotations;

namespace Orleans.Inference.ApiHost.Limits;

/// <summary>
/// The gateway's own bound on work in progress (section <c>Inference:ConcurrencyLimit</c>), whatever its models could
/// queue: it protects the process when the CPU or memory, not a model, runs out first.
/// </summary>
public sealed class ConcurrencyLimitOptions
{
    public const string SectionName = "Inference:ConcurrencyLimit";

    /// <summary>
    /// Generation requests (<c>/v1/completions</c>, <c>/v1/chat/completions</c>) in progress at once, streams until their
    /// last event; one more gets 503 (<c>server_overloaded</c>) with <c>Retry-After</c> at once. 0 turns the limit off.
    /// Other endpoints (health, metrics, models, admin) never count, so probes still answer under overload.
    /// </summary>
    [Range(0, int.MaxValue)]
    public int MaxConcurrentRequests { get; set; } = 4096;
}
