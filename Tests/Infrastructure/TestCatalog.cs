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

    /// <summary>Fails its first load half way (FailLoad, FailLoadCount 1); the retry succeeds.</summary>
    public const string FailOnce = "test-fail-once";

    /// <summary>Paced (25 ms a step), for unloads that must drain in-flight requests.</summary>
    public const string Drain = "test-drain";

    /// <summary>Paced, with a 300 ms drain timeout: an unload cancels what is still running after it.</summary>
    public const string ShortDrain = "test-short-drain";

    /// <summary>Loads in 3 s but lets requests wait only 200 ms: they get 503 with Retry-After.</summary>
    public const string SlowLoad = "test-slow-load";

    /// <summary>Paced; a sequence whose prompt contains FAIL fails alone.</summary>
    public const string Faulty = "test-faulty";

    /// <summary>One request at a time, and a queue of two: the third waiting request gets 429.</summary>
    public const string TinyQueue = "test-tiny-queue";

    /// <summary>Paced (5 ms a step); a sequence whose prompt contains FAIL yields 3 tokens, then fails alone.</summary>
    public const string MidStreamFail = "test-midstream-fail";

    /// <summary>About 4,000 tokens a second and up to 50,000 a sequence: readers can fall behind it.</summary>
    public const string Fast = "test-fast";

    /// <summary>
    /// About 100,000 tokens a second and up to a million a sequence, with a 200 ms batch window so requests sent together
    /// share a batch: enough output to fill the kernel's socket buffers behind a client that does not read.
    /// </summary>
    public const string FastWindow = "test-fast-window";

    /// <summary>
    /// Paced (25 ms a step), never loaded at start, so two-silo tests can place its batch grain first; a prompt containing
    /// FAIL yields 3 tokens, then fails.
    /// </summary>
    public const string Remote = "test-remote";

    /// <summary>Free, loaded at start, and used by the metrics tests alone, so its counts are theirs.</summary>
    public const string Metered = "test-metrics";

    /// <summary>Loads in 3 s, and only when asked: the dashboard's browser test clicks Load and watches its progress bar.</summary>
    public const string Watched = "test-watched";

    /// <summary>Free, loaded at start, and sent traffic by the dashboard's stats test alone, so its window's counts are that test's.</summary>
    public const string Charted = "test-charted";

    /// <summary>
    /// Loads on demand in a second and batches by a 300 ms window: two-silo tests move its model grain and send requests
    /// that wait for the load, then for their window, on a batch grain that must follow the model.
    /// </summary>
    public const string Follow = "test-follow";

    public static Dictionary<string, string?> Settings(string prefix = "") => new()
    {
        [$"{prefix}Inference:Models:{Faulty}:Simulation:LoadSeconds"] = "0",
        [$"{prefix}Inference:Models:{Faulty}:Simulation:StepMs"] = "5",
        [$"{prefix}Inference:Models:{Faulty}:Simulation:FailPromptsContaining"] = "FAIL",
        [$"{prefix}Inference:Models:{TinyQueue}:Simulation:LoadSeconds"] = "0",
        [$"{prefix}Inference:Models:{TinyQueue}:Simulation:StepMs"] = "20",
        [$"{prefix}Inference:Models:{TinyQueue}:Batching:MaxBatchSize"] = "1",
        [$"{prefix}Inference:Models:{TinyQueue}:Batching:MaxQueueLength"] = "2",
        [$"{prefix}Inference:Models:{FailOnce}:Simulation:LoadSeconds"] = "0.2",
        [$"{prefix}Inference:Models:{FailOnce}:Simulation:FailLoad"] = "true",
        [$"{prefix}Inference:Models:{FailOnce}:Simulation:FailLoadCount"] = "1",
        [$"{prefix}Inference:Models:{FailOnce}:LoadOnDemand"] = "false",
        [$"{prefix}Inference:Models:{Drain}:Simulation:LoadSeconds"] = "0",
        [$"{prefix}Inference:Models:{Drain}:Simulation:StepMs"] = "25",
        [$"{prefix}Inference:Models:{Drain}:LoadOnDemand"] = "false",
        [$"{prefix}Inference:Models:{ShortDrain}:Simulation:LoadSeconds"] = "0",
        [$"{prefix}Inference:Models:{ShortDrain}:Simulation:StepMs"] = "25",
        [$"{prefix}Inference:Models:{ShortDrain}:DrainTimeout"] = "00:00:00.300",
        [$"{prefix}Inference:Models:{SlowLoad}:Simulation:LoadSeconds"] = "3",
        [$"{prefix}Inference:Models:{SlowLoad}:LoadWaitTimeout"] = "00:00:00.200",
        [$"{prefix}Inference:Models:{Free}:LoadOnStart"] = "true",
        [$"{prefix}Inference:Models:{Free}:Simulation:LoadSeconds"] = "0",
        [$"{prefix}Inference:Models:{Free}:MaxOutputTokens"] = "2048",
        [$"{prefix}Inference:Models:{Paced}:LoadOnStart"] = "true",
        [$"{prefix}Inference:Models:{Paced}:Simulation:LoadSeconds"] = "0",
        [$"{prefix}Inference:Models:{Paced}:Simulation:StepMs"] = "25",
        [$"{prefix}Inference:Models:{Paced}:Batching:MaxBatchSize"] = "64",
        [$"{prefix}Inference:Models:{Lazy}:Simulation:LoadSeconds"] = "0.5",
        [$"{prefix}Inference:Models:{Metered}:LoadOnStart"] = "true",
        [$"{prefix}Inference:Models:{Metered}:Simulation:LoadSeconds"] = "0",
        [$"{prefix}Inference:Models:{MidStreamFail}:LoadOnStart"] = "true",
        [$"{prefix}Inference:Models:{MidStreamFail}:Simulation:LoadSeconds"] = "0",
        [$"{prefix}Inference:Models:{MidStreamFail}:Simulation:StepMs"] = "5",
        [$"{prefix}Inference:Models:{MidStreamFail}:Simulation:FailPromptsContaining"] = "FAIL",
        [$"{prefix}Inference:Models:{MidStreamFail}:Simulation:FailAfterTokens"] = "3",
        [$"{prefix}Inference:Models:{Fast}:LoadOnStart"] = "true",
        [$"{prefix}Inference:Models:{Fast}:Simulation:LoadSeconds"] = "0",
        [$"{prefix}Inference:Models:{Fast}:Simulation:StepMs"] = "0.25",
        [$"{prefix}Inference:Models:{Fast}:MaxOutputTokens"] = "50000",
        [$"{prefix}Inference:Models:{FastWindow}:LoadOnStart"] = "true",
        [$"{prefix}Inference:Models:{FastWindow}:Simulation:LoadSeconds"] = "0",
        [$"{prefix}Inference:Models:{FastWindow}:Simulation:StepMs"] = "0.01",
        [$"{prefix}Inference:Models:{FastWindow}:MaxOutputTokens"] = "1000000",
        [$"{prefix}Inference:Models:{FastWindow}:Batching:Policy"] = "Window",
        [$"{prefix}Inference:Models:{FastWindow}:Batching:BatchWindowMs"] = "200",
        [$"{prefix}Inference:Models:{Remote}:Simulation:LoadSeconds"] = "0",
        [$"{prefix}Inference:Models:{Remote}:Simulation:StepMs"] = "25",
        [$"{prefix}Inference:Models:{Remote}:Simulation:FailPromptsContaining"] = "FAIL",
        [$"{prefix}Inference:Models:{Remote}:Simulation:FailAfterTokens"] = "3",
        [$"{prefix}Inference:Models:{Watched}:LoadOnDemand"] = "false",
        [$"{prefix}Inference:Models:{Watched}:Simulation:LoadSeconds"] = "3",
        [$"{prefix}Inference:Models:{Charted}:LoadOnStart"] = "true",
        [$"{prefix}Inference:Models:{Charted}:Simulation:LoadSeconds"] = "0",
        [$"{prefix}Inference:Models:{Manual}:LoadOnDemand"] = "false",
        [$"{prefix}Inference:Models:{Manual}:Simulation:LoadSeconds"] = "0",
        [$"{prefix}Inference:Models:{Follow}:Simulation:LoadSeconds"] = "1",
        [$"{prefix}Inference:Models:{Follow}:Simulation:StepMs"] = "5",
        [$"{prefix}Inference:Models:{Follow}:Batching:Policy"] = "Window",
        [$"{prefix}Inference:Models:{Follow}:Batching:BatchWindowMs"] = "300",
    };
}
