namespace Orleans.Inference.Models;

/// <summary>The silo's own calls into a model grain: its idle timer, eviction by another model, and batch grain placement.</summary>
public interface IModelGrainControl : IGrainWithStringKey
{
    /// <summary>Unloads the model if it has been idle for its KeepAlive.</summary>
    Task CheckIdleAsync();

    /// <summary>Unloads the model if nothing is in flight, and returns once it is released; false if it was busy or not loaded.</summary>
    Task<bool> EvictIfIdleAsync();

    /// <summary>The silo this grain (and so the model instance) lives on: where its batch grain is placed.</summary>
    Task<SiloAddress> GetSiloAsync();
}
