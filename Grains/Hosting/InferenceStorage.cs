namespace Orleans.Inference.Hosting;

/// <summary>The grain storage that holds the models' desired state and the registered models.</summary>
public static class InferenceStorage
{
    /// <summary>The storage provider's name: memory by default; Redis with Redis clustering (or whatever the host registered).</summary>
    public const string Name = "inference";

    /// <summary>Orleans' stream subscription store (model events): memory by default, Redis with Redis clustering.</summary>
    public const string PubSub = "PubSubStore";
}
