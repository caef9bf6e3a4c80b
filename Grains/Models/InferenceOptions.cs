using Orleans.Inference.Backends.Http;

namespace Orleans.Inference.Models;

/// <summary>The model catalog: section <c>Inference</c> of the configuration.</summary>
public sealed class InferenceOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Inference";

    /// <summary>The models this gateway serves, keyed by the id clients send as <c>model</c>.</summary>
    public Dictionary<string, ModelOptions> Models { get; set; } = new(StringComparer.Ordinal);

    /// <summary>OpenAI-compatible inference services that models of kind OpenAI name as their endpoint, keyed by name.</summary>
    public Dictionary<string, BackendEndpointOptions> Backends { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The most models loaded at once in one silo; loading one more evicts the least recently used idle one. 0: no limit.</summary>
    public int MaxLoadedModels { get; set; }
}
