namespace Orleans.Inference.Tests.Infrastructure;

/// <summary>The models tests run against, as configuration: a free one, a paced one and lifecycle ones.</summary>
public static class TestCatalog
{
    /// <summary>Zero cost, loads at start: measures the gateway alone.</summary>
    public const string Free = "test-free";

    /// <summary>25 ms per decode step: slow enough to see batches form and cancellation land.</summary>
    public const string Paced = "test-paced";

    /// <summary>Loads on demand in about half a second.</summary>
    public const string Lazy = "test-lazy";

    /// <summary>Never loads on demand: a request gets 503 until someone loads it.</summary>
    public const string Manual = "test-manual";

    public static Dictionary<string, string?> Settings(string prefix = "") => new()
    {
        [$"{prefix}Inference:Models:{Free}:LoadOnStart"] = "true",
        [$"{prefix}Inference:Models:{Free}:Simulation:LoadSeconds"] = "0",
        [$"{prefix}Inference:Models:{Free}:MaxOutputTokens"] = "2048",
        [$"{prefix}Inference:Models:{Paced}:LoadOnStart"] = "true",
        [$"{prefix}Inference:Models:{Paced}:Simulation:LoadSeconds"] = "0",
        [$"{prefix}Inference:Models:{Paced}:Simulation:StepMs"] = "25",
        [$"{prefix}Inference:Models:{Paced}:Batching:MaxBatchSize"] = "64",
        [$"{prefix}Inference:Models:{Lazy}:Simulation:LoadSeconds"] = "0.5",
        [$"{prefix}Inference:Models:{Manual}:LoadOnDemand"] = "false",
        [$"{prefix}Inference:Models:{Manual}:Simulation:LoadSeconds"] = "0",
    };
}
