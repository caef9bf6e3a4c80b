namespace Orleans.Inference.Models;

/// <summary>
/// The model's batch grain is moving to another silo: its silo is shutting down gracefully, or the grain follows its
/// model to the silo where it was loaded. It finishes what it accepted but takes nothing new. The request was not
/// started, so it can be sent again, and finds the model on its new silo (<see cref="Client.SiloFailures"/>).
/// </summary>
[GenerateSerializer, Alias("models.moving")]
public sealed class ModelMovingException(string modelId)
    : Exception($"The model '{modelId}' is moving to another silo; send the request again.")
{
    /// <summary>The model's id.</summary>
    [Id(0)]
    public string ModelId { get; } = modelId;
}
