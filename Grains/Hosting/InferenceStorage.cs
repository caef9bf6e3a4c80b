namespace Orleans.Inference.Hosting;

/// <summary>The grain storage that holds the models' desired state and the registered models.</summary>
public static class InferenceStorage
{
    /// <summary>The storage provider's name: memory by default; cluster mode puts a durable store under this name.</summary>
    public const string Name = "inference";
}
