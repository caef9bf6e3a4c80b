namespace Orleans.Inference.Backends;

/// <summary>
/// The HTTP backend endpoints a silo's process serves models from, as its health checks see them. Registered where a
/// silo runs; a pure client host has none.
/// </summary>
public interface IBackendReachability
{
    /// <summary>The configured endpoints' names.</summary>
    IEnumerable<string> Names { get; }

    /// <summary>Per endpoint, how many of its replicas answer a model list request now, and how many it has.</summary>
    Task<IReadOnlyDictionary<string, BackendReach>> ProbeAsync(CancellationToken cancellationToken);
}
