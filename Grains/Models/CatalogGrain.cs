using Orleans.Inference.Hosting;

namespace Orleans.Inference.Models;

/// <summary>Holds the models registered at run time, persisted in the inference storage.</summary>
public sealed class CatalogGrain(
    ModelCatalog catalog,
    [PersistentState("catalog", InferenceStorage.Name)] IPersistentState<CatalogState> state) : Grain, ICatalogGrain
{
    public Task<ModelOptions?> GetAsync(string modelId) =>
        Task.FromResult(state.State.Models.GetValueOrDefault(modelId));

    public Task<Dictionary<string, ModelOptions>> ListAsync() =>
        Task.FromResult(new Dictionary<string, ModelOptions>(state.State.Models, StringComparer.Ordinal));

    public async Task RegisterAsync(string modelId, ModelOptions model)
    {
        var problems = ModelValidation.Problems(modelId, model).ToList();
        if (problems.Count > 0) throw new InvalidModelException(string.Join(" ", problems));
        if (catalog.IsConfigured(modelId) || state.State.Models.ContainsKey(modelId)) throw new ModelExistsException(modelId);

        state.State.Models[modelId] = model;
        await state.WriteStateAsync();
    }
}
