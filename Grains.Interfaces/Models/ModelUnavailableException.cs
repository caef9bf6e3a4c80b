namespace Orleans.Inference.Models;

/// <summary>The model exists but cannot serve now (loading too long, failed, or unloaded without load on demand).</summary>
[GenerateSerializer, Alias("models.unavailable")]
public sealed class ModelUnavailableException : Exception
{
    public ModelUnavailableException(string modelId, ModelState state, string message, TimeSpan? retryAfter = null)
        : base(message)
    {
        ModelId = modelId;
        State = state;
        RetryAfter = retryAfter;
    }

    /// <summary>The model's id.</summary>
    [Id(0)]
    public string ModelId { get; }

    /// <summary>The state that kept the request out.</summary>
    [Id(1)]
    public ModelState State { get; }

    /// <summary>When a retry may succeed, if the gateway can tell.</summary>
    [Id(2)]
    public TimeSpan? RetryAfter { get; }
}
