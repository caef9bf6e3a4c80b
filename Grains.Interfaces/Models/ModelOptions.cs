using Orleans.Inference.Backends;
using Orleans.Inference.Backends.Simulated;
using Orleans.Inference.Batching;

namespace Orleans.Inference.Models;

/// <summary>One model of the catalog: from configuration (<c>Inference:Models:{id}</c>) or registered at run time.</summary>
[GenerateSerializer, Alias("models.options")]
public sealed class ModelOptions
{
    /// <summary>Which backend runs the model.</summary>
    [Id(0)]
    public BackendKind Backend { get; set; } = BackendKind.Simulated;

    /// <summary>The <c>owned_by</c> shown in <c>/v1/models</c>; simulated models always say <c>simulator</c>.</summary>
    [Id(1)]
    public string? OwnedBy { get; set; }

    /// <summary>Load the model when the cluster starts, unless its persisted desired state says otherwise.</summary>
    [Id(2)]
    public bool LoadOnStart { get; set; }

    /// <summary>A request to an unloaded model starts a load (and waits for it) instead of being rejected.</summary>
    [Id(3)]
    public bool LoadOnDemand { get; set; } = true;

    /// <summary>How long a request waits for a model that is loading before it gets 503.</summary>
    [Id(4)]
    public TimeSpan LoadWaitTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The largest <c>max_tokens</c> a request may ask for.</summary>
    [Id(5)]
    public int MaxOutputTokens { get; set; } = 4096;

    /// <summary>The <c>max_tokens</c> used when a request does not say (OpenAI's completions default is 16).</summary>
    [Id(6)]
    public int DefaultMaxTokens { get; set; } = 16;

    /// <summary>How requests to this model are batched.</summary>
    [Id(7)]
    public BatchingOptions Batching { get; set; } = new();

    /// <summary>The cost model of the simulated backend (used when <see cref="Backend"/> is Simulated).</summary>
    [Id(8)]
    public SimulationOptions Simulation { get; set; } = new();

    /// <summary>Unload the model after it has been idle this long, as Ollama's keep_alive does; null keeps it loaded.</summary>
    [Id(9)]
    public TimeSpan? KeepAlive { get; set; }

    /// <summary>How long an unload waits for in-flight requests before it cancels them.</summary>
    [Id(10)]
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Where and how the model is served when <see cref="Backend"/> is OpenAI.</summary>
    [Id(11)]
    public OpenAIModelOptions OpenAI { get; set; } = new();
}
