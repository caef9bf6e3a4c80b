namespace Orleans.Inference.Models;

/// <summary>Where a model is in its lifecycle.</summary>
[GenerateSerializer, Alias("models.state")]
public enum ModelState
{
    /// <summary>Not loaded; a request may start a load.</summary>
    Unloaded = 0,

    /// <summary>A load is under way.</summary>
    Loading = 1,

    /// <summary>Serving requests.</summary>
    Ready = 2,

    /// <summary>Releasing the model.</summary>
    Unloading = 3,

    /// <summary>The last load failed; it can be retried.</summary>
    Failed = 4,
}
