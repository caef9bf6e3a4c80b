using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Orleans.Inference.Backends.Simulated;
using Orleans.Inference.Models;

namespace Orleans.Inference.Backends;

/// <summary>One backend instance per model in this silo, shared by the grains that use it. Public only so grains can take it.</summary>
public sealed class BackendProvider(IOptions<InferenceOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, IInferenceBackend> _backends = new(StringComparer.Ordinal);

    internal IInferenceBackend Get(string modelId) => _backends.GetOrAdd(modelId, Create);

    private IInferenceBackend Create(string modelId)
    {
        if (!options.Value.Models.TryGetValue(modelId, out var model)) throw new ModelNotFoundException(modelId);
        return model.Backend switch
        {
            BackendKind.Simulated => new SimulatedBackend(model.Simulation, time),
            _ => throw new NotSupportedException($"Backend kind {model.Backend} is not supported."),
        };
    }
}
