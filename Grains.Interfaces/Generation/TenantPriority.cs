namespace Orleans.Inference.Generation;

/// <summary>
/// A tenant's class in a model's batch queue. Batches are filled from the highest class with requests waiting; tenants of
/// one class share by their weights. A lower class waits while a higher one keeps the model busy: give
/// <see cref="Interactive"/> to traffic a person waits on and <see cref="Batch"/> to jobs that can wait.
/// </summary>
[GenerateSerializer, Alias("generation.tenant-priority")]
public enum TenantPriority
{
    /// <summary>Served when no other class has requests waiting.</summary>
    Batch = 0,

    /// <summary>The default.</summary>
    Standard = 1,

    /// <summary>Served before every other class.</summary>
    Interactive = 2,
}
