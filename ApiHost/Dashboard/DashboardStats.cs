using Orleans.Inference.Backends.Http;

namespace Orleans.Inference.ApiHost.Dashboard;

/// <summary>What the dashboard charts: every model seen since someone started looking, second by second.</summary>
/// <param name="WindowSeconds">The most seconds the series hold.</param>
/// <param name="Seconds">Seconds closed since the dashboard began listening, up to <paramref name="WindowSeconds"/>: the series' length.</param>
/// <param name="Models">Per model, sorted by id.</param>
public sealed record DashboardStats(int WindowSeconds, int Seconds, ModelStats[] Models)
{
    /// <summary>Every replica of the HTTP backends this process calls, with its circuit breaker's state now.</summary>
    public IReadOnlyList<ReplicaStatus> Backends { get; init; } = [];
}
