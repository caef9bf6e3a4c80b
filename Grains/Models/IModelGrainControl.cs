namespace Orleans.Inference.Models;

/// <summary>The silo's own calls into a model grain: its idle timer, eviction by another model, and batch grain placement.</summary>
[Alias("models.model-grain-control")]
public interface IModelGrainControl : IGrainWithStringKey
{
    /// <summary>Unloads the model if it has been idle for its KeepAlive.</summary>
    [Alias("CheckIdleAsync")]
    Task CheckIdleAsync();

    /// <summary>Unloads the model if nothing is in flight, and returns once it is released; false if it was busy or not loaded.</summary>
    [Alias("EvictIfIdleAsync")]
    Task<bool> EvictIfIdleAsync();

    /// <summary>The silo this grain (and so the model instance) lives on: where its batch grain is placed.</summary>
    [Alias("GetSiloAsync")]
    Task<SiloAddress> GetSiloAsync();
}
