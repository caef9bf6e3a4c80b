using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Inference.Backends.Http;
using Orleans.Inference.Backends.Simulated;
using Orleans.Inference.Hosting;
using Orleans.Inference.Models;

namespace Orleans.Inference.Backends;

/// <summary>One backend instance per model in this silo, shared by the grains that use it. Public only so grains can take it.</summary>
public sealed class BackendProvider([FromKeyedServices(InferenceTime.Key)] TimeProvider time, BackendEndpoints endpoints)
{
    private readonly ConcurrentDictionary<string, IInferenceBackend> _backends = new(StringComparer.Ordinal);

    internal IInferenceBackend Get(string modelId, ModelOptions model) => _backends.GetOrAdd(modelId, id => Create(id, model));

    /// <summary>The model's backend in this silo, if one was created (for tests and diagnostics).</summary>
    internal IInferenceBackend? Find(string modelId) => _backends.GetValueOrDefault(modelId);

    private IInferenceBackend Create(string modelId, ModelOptions model)
    {
        return model.Backend switch
        {
            BackendKind.Simulated => new SimulatedBackend(model.Simulation, time),
            BackendKind.OpenAI => new OpenAIBackend(modelId, model.OpenAI, endpoints.Get(model.OpenAI.Endpoint!), endpoints.Log),
            _ => throw new NotSupportedException($"Backend kind {model.Backend} is not supported."),
        };
    }
}
