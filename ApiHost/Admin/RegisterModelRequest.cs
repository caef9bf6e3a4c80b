using Orleans.Inference.Backends;
using Orleans.Inference.Backends.Simulated;
using Orleans.Inference.Batching;
using Orleans.Inference.Models;

namespace Orleans.Inference.ApiHost.Admin;

/// <summary>The body of <c>POST /admin/models</c>: a model to add to the catalog at run time. Omitted fields take the catalog defaults.</summary>
public sealed class RegisterModelRequest
{
    /// <summary>The new model's id.</summary>
    /// <example>sim-custom</example>
    public string? Id { get; init; }

    /// <summary>The backend kind: Simulated.</summary>
    /// <example>Simulated</example>
    public string? Backend { get; init; }

    /// <summary>Load on the first request to it (default true).</summary>
    /// <example>true</example>
    public bool? LoadOnDemand { get; init; }

    /// <summary>The largest max_tokens accepted (default 4096).</summary>
    /// <example>2048</example>
    public int? MaxOutputTokens { get; init; }

    /// <summary>Unload after this many idle seconds; omit to keep it loaded.</summary>
    /// <example>300</example>
    public double? KeepAliveSeconds { get; init; }

    /// <summary>How long an unload waits for in-flight requests, in seconds (default 30).</summary>
    /// <example>30</example>
    public double? DrainTimeoutSeconds { get; init; }

    /// <summary>Batching options.</summary>
    public BatchingSpec? Batching { get; init; }

    /// <summary>The simulated engine's cost model.</summary>
    public SimulationSpec? Simulation { get; init; }

    internal (string? Error, string? Param, ModelOptions Model) ToOptions()
    {
        var model = new ModelOptions();
        if (Backend is not null)
        {
            if (!Enum.TryParse<BackendKind>(Backend, ignoreCase: true, out var kind)) return ($"Unknown backend '{Backend}'.", "backend", model);
            model.Backend = kind;
        }

        model.LoadOnDemand = LoadOnDemand ?? model.LoadOnDemand;
        model.MaxOutputTokens = MaxOutputTokens ?? model.MaxOutputTokens;
        model.KeepAlive = KeepAliveSeconds is { } keepAlive ? TimeSpan.FromSeconds(keepAlive) : null;
        model.DrainTimeout = DrainTimeoutSeconds is { } drain ? TimeSpan.FromSeconds(drain) : model.DrainTimeout;
        var policy = model.Batching.Policy;
        if (Batching?.Policy is { } policyName && !Enum.TryParse(policyName, ignoreCase: true, out policy))
            return ($"Unknown batching policy '{policyName}'; Adaptive or Window.", "batching.policy", model);
        model.Batching = new BatchingOptions
        {
            MaxBatchSize = Batching?.MaxBatchSize ?? model.Batching.MaxBatchSize,
            MaxConcurrentBatches = Batching?.MaxConcurrentBatches ?? model.Batching.MaxConcurrentBatches,
            Policy = policy,
            BatchWindowMs = Batching?.BatchWindowMs ?? model.Batching.BatchWindowMs,
            MaxQueueLength = Batching?.MaxQueueLength ?? model.Batching.MaxQueueLength,
            QueueTimeoutMs = Batching?.QueueTimeoutMs ?? model.Batching.QueueTimeoutMs,
        };
        model.Simulation = new SimulationOptions
        {
            LoadSeconds = Simulation?.LoadSeconds ?? model.Simulation.LoadSeconds,
            StepMs = Simulation?.StepMs ?? 0,
            PerSequenceMs = Simulation?.PerSequenceMs ?? 0,
            PrefillMsPerToken = Simulation?.PrefillMsPerToken ?? 0,
            FailLoad = Simulation?.FailLoad ?? false,
            FailLoadCount = Simulation?.FailLoadCount ?? 0,
        };
        return (null, null, model);
    }
}
