using Orleans.Inference.Engines;
using Orleans.Inference.Generation;

namespace Orleans.Inference.Batching;

/// <summary>A sequence waiting in a model's queue, and when it joined.</summary>
internal readonly record struct QueuedSequence(BatchSequence Sequence, long EnqueuedAt)
{
    public Tenant Tenant => Sequence.Request.Tenant ?? Tenant.Shared;
}
