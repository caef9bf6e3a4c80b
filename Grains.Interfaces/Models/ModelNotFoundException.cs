namespace Orleans.Inference.Models;

/// <summary>No model with this id is in the catalog.</summary>
[GenerateSerializer, Alias("models.not-found")]
public sealed class ModelNotFoundException(string modelId)
    : Exception($"The model '{modelId}' does not exist.")
{
    /// <summary>The id that was asked for.</summary>
    [Id(0)]
    public string ModelId { get; } = modelId;
}
