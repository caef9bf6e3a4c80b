using Orleans.Inference.Models;

namespace Orleans.Inference.ApiHost.Admin;

/// <summary>A model as operators see it: lifecycle, progress, usage and load.</summary>
/// <param name="Id">The model id.</param>
/// <param name="State">Unloaded, Loading, Ready, Unloading or Failed.</param>
/// <param name="Progress">Load progress, 0 to 100.</param>
/// <param name="Stage">What the load is doing now.</param>
/// <param name="Error">Why the last load failed.</param>
/// <param name="EstimatedRemainingSeconds">What is left of a load under way, by the backend's estimate.</param>
/// <param name="LoadedAt">When it last became ready.</param>
/// <param name="LastUsed">When a request last reached it.</param>
/// <param name="InFlight">Requests queued or running.</param>
/// <param name="Simulated">True for the simulated backend.</param>
/// <param name="Silo">The silo the model lives on (its grain, batch grain and loaded instance), e.g. <c>S127.0.0.1:11111:123</c>.</param>
public sealed record AdminModelStatus(
    string Id,
    string State,
    int Progress,
    string? Stage,
    string? Error,
    double? EstimatedRemainingSeconds,
    DateTimeOffset? LoadedAt,
    DateTimeOffset? LastUsed,
    int InFlight,
    bool Simulated,
    string? Silo)
{
    internal static AdminModelStatus From(ModelStatus status, ModelOptions model) => new(
        status.ModelId, status.State.ToString(), status.Progress, status.Stage, status.Error,
        status.EstimatedRemaining?.TotalSeconds, status.LoadedAt, status.LastUsed, status.InFlight,
        model.Backend == Backends.BackendKind.Simulated || model.OwnedBy == "simulator", status.Silo);
}
