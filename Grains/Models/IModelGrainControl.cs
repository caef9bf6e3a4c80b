namespace Orleans.Inference.Models;

/// <summary>The silo's own calls into a model grain: its idle timer and eviction by another model.</summary>
public interface IModelGrainControl : IGrainWithStringKey
{
    /// <summary>Unloads the model if it has been idle for its KeepAlive.</summary>
    Task CheckIdleAsync();

    /// <summary>Unloads the model if nothing is in flight, and returns once it is released; false if it was busy or not loaded.</summary>
    Task<bool> EvictIfIdleAsync();
}
