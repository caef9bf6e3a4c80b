using Orleans.Inference.Hosting;

namespace Orleans.Inference.Models;

/// <summary>Holds the models registered at run time, persisted in the inference storage.</summary>
public sealed class CatalogGrain(
    IModelCatalog catalog,
    [PersistentState("catalog", InferenceStorage.Name)] IPersistentState<CatalogState> state) : Grain, ICatalogGrain
{
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Models is not { } stored) return;
        foreach (var (id, model) in stored) state.State.Registered.TryAdd(id, RegisteredModel.From(model));
        state.State.Models = null;
        await state.WriteStateAsync(cancellationToken);
    }

    public Task<ModelOptions?> GetAsync(string modelId) =>
        Task.FromResult(state.State.Registered.GetValueOrDefault(modelId)?.ToOptions());

    public Task<Dictionary<string, ModelOptions>> ListAsync() =>
        Task.FromResult(state.State.Registered.ToDictionary(entry => entry.Key, entry => entry.Value.ToOptions(), StringComparer.Ordinal));

    public async Task RegisterAsync(string modelId, ModelOptions model)
    {
        var problems = ModelValidation.Problems(modelId, model).ToList();
        if (problems.Count > 0) throw new InvalidModelException(string.Join(" ", problems));
        if (catalog.IsConfigured(modelId) || state.State.Registered.ContainsKey(modelId)) throw new ModelExistsException(modelId);
        state.State.Registered[modelId] = RegisteredModel.From(model);
        await state.WriteStateAsync();
    }
}
