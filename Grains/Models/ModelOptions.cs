using Orleans.Inference.Backends;
using Orleans.Inference.Backends.Simulated;
using Orleans.Inference.Batching;

namespace Orleans.Inference.Models;

/// <summary>One model of the catalog.</summary>
public sealed class ModelOptions
{
    /// <summary>Which backend runs the model.</summary>
    public BackendKind Backend { get; set; } = BackendKind.Simulated;

    /// <summary>The <c>owned_by</c> shown in <c>/v1/models</c>; simulated models always say <c>simulator</c>.</summary>
    public string? OwnedBy { get; set; }

    /// <summary>Start loading the model when the silo starts.</summary>
    public bool LoadOnStart { get; set; }

    /// <summary>A request to an unloaded model starts a load (and waits for it) instead of being rejected.</summary>
    public bool LoadOnDemand { get; set; } = true;

    /// <summary>How long a request waits for a model that is loading before it gets 503.</summary>
    public TimeSpan LoadWaitTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The largest <c>max_tokens</c> a request may ask for.</summary>
    public int MaxOutputTokens { get; set; } = 4096;

    /// <summary>The <c>max_tokens</c> used when a request does not say (OpenAI's completions default is 16).</summary>
    public int DefaultMaxTokens { get; set; } = 16;

    /// <summary>How requests to this model are batched.</summary>
    public BatchingOptions Batching { get; set; } = new();

    /// <summary>The cost model of the simulated backend (used when <see cref="Backend"/> is Simulated).</summary>
    public SimulationOptions Simulation { get; set; } = new();
}
