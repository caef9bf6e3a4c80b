using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Options;
using Orleans.Inference.Simulator.Stats;

namespace Orleans.Inference.Simulator.Engine;

/// <summary>The configured models, each with its one engine for the life of the process.</summary>
internal sealed class SimulatedModels(IOptions<SimulatorOptions> options, SimulatorStats stats, TimeProvider time)
{
    private readonly Dictionary<string, ModelEngine> _engines = options.Value.Models.ToDictionary(
        model => model.Key, model => new ModelEngine(model.Key, model.Value, stats, time), StringComparer.Ordinal);

    public IEnumerable<ModelEngine> All => _engines.Values;

    public int MaxOutputTokens { get; } = options.Value.MaxOutputTokens;

    public bool TryGet(string id, [NotNullWhen(true)] out ModelEngine? engine) => _engines.TryGetValue(id, out engine);
}
