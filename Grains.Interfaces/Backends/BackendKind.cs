namespace Orleans.Inference.Backends;

/// <summary>The kinds of inference backend a model can run on.</summary>
[GenerateSerializer, Alias("backends.kind")]
public enum BackendKind
{
    /// <summary>The in-process simulated engine: no real model, deterministic pseudo-text.</summary>
    Simulated = 0,
}
