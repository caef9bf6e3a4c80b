using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Orleans.Inference.Models;

/// <summary>
/// Every model the gateway serves: the configured ones, and those registered at run time (held by the
/// <see cref="ICatalogGrain"/> and cached here once seen).
/// </summary>
internal sealed class ModelCatalog(IOptions<InferenceOptions> options, IGrainFactory grains) : IModelCatalog
{
    private readonly ConcurrentDictionary<string, ModelOptions> _registered = new(StringComparer.Ordinal);

    public ValueTask<ModelOptions?> FindAsync(string modelId)
    {
        if (options.Value.Models.TryGetValue(modelId, out var configured)) return ValueTask.FromResult<ModelOptions?>(configured);
        if (_registered.TryGetValue(modelId, out var registered)) return ValueTask.FromResult<ModelOptions?>(registered);
        return FindRegisteredAsync(modelId);
    }

    public async Task<IReadOnlyList<KeyValuePair<string, ModelOptions>>> ListAsync()
    {
        var registered = await grains.GetGrain<ICatalogGrain>(ICatalogGrain.Key).ListAsync();
        foreach (var (id, model) in registered) _registered.TryAdd(id, model);
        return [.. options.Value.Models, .. registered.OrderBy(entry => entry.Key, StringComparer.Ordinal)];
    }

    public bool IsConfigured(string modelId) => options.Value.Models.ContainsKey(modelId);

    private async ValueTask<ModelOptions?> FindRegisteredAsync(string modelId)
    {
        var model = await grains.GetGrain<ICatalogGrain>(ICatalogGrain.Key).GetAsync(modelId);
        if (model is not null) _registered.TryAdd(modelId, model);
        return model;
    }
}
