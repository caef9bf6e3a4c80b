namespace Orleans.Inference.Models;

/// <summary>A model with this id is already in the catalog.</summary>
[GenerateSerializer, Alias("models.exists")]
public sealed class ModelExistsException(string modelId)
    : Exception($"A model with id '{modelId}' already exists.")
{
    /// <summary>The id that was taken.</summary>
    [Id(0)]
    public string ModelId { get; } = modelId;
}
