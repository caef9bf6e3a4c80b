namespace Orleans.Inference.Models;

/// <summary>
/// The model's silo is shutting down gracefully: it finishes what it accepted but takes nothing new. The request was
/// not started, so it can be sent again; the model comes back on another silo (<see cref="Client.SiloFailures"/>).
/// </summary>
[GenerateSerializer, Alias("models.moving")]
public sealed class ModelMovingException(string modelId)
    : Exception($"The model '{modelId}' is moving off a silo that is shutting down.")
{
    /// <summary>The model's id.</summary>
    [Id(0)]
    public string ModelId { get; } = modelId;
}
