namespace Orleans.Inference.Tests.Infrastructure;

/// <summary>The ApiHost with room for <see cref="MaxConcurrentRequests"/> generation requests at once.</summary>
public sealed class ConcurrencyLimitedApiHostFactory : ApiHostFactory
{
    public const int MaxConcurrentRequests = 4;

    /// <summary>Paced (25 ms a step) and runs up to eight requests side by side, so that long streams can hold every permit.</summary>
    public const string SideBySide = "test-side-by-side";

    protected override void AddSettings(Dictionary<string, string?> settings)
    {
        settings["Inference:ConcurrencyLimit:MaxConcurrentRequests"] = MaxConcurrentRequests.ToString();
        settings[$"Inference:Models:{SideBySide}:LoadOnStart"] = "true";
        settings[$"Inference:Models:{SideBySide}:Simulation:LoadSeconds"] = "0";
        settings[$"Inference:Models:{SideBySide}:Simulation:StepMs"] = "25";
        settings[$"Inference:Models:{SideBySide}:Batching:MaxBatchSize"] = "1";
        settings[$"Inference:Models:{SideBySide}:Batching:MaxConcurrentBatches"] = "8";
    }
}
