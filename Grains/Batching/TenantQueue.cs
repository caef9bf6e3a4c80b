using Orleans.Inference.Engines;
using Orleans.Inference.Generation;

namespace Orleans.Inference.Batching;

/// <summary>One tenant's waiting sequences in a model's <see cref="FairQueue"/>, oldest first, and its unused credit.</summary>
internal sealed class TenantQueue(Tenant tenant)
{
    /// <summary>The tenant's settings as its latest activation gave them.</summary>
    public Tenant Tenant { get; set; } = tenant;

    public List<QueuedSequence> Items { get; } = [];

    /// <summary>Sequences it may still send in its current turn (deficit round robin's deficit counter).</summary>
    public int Credit { get; set; }

    /// <summary>
    /// Moves into <paramref name="batch"/>, oldest first, the sequences that share the batch's key (the first one taken
    /// sets it), while the batch has room and this tenant has credit. The others keep their places.
    /// </summary>
    public int TakeInto(List<QueuedSequence> batch, int maxBatchSize, Func<BatchSequence, object?> keyOf, ref BatchKey key)
    {
        int kept = 0, i = 0, took = 0;
        for (; i < Items.Count && batch.Count < maxBatchSize && Credit > 0; i++)
        {
            var item = Items[i];
            var itemKey = keyOf(item.Sequence);
            if (!key.IsSet) key = new BatchKey(itemKey);
            if (Equals(itemKey, key.Value))
            {
                batch.Add(item);
                Credit--;
                took++;
            }
            else
            {
                Items[kept++] = item;
            }
        }

        Items.RemoveRange(kept, i - kept);
        return took;
    }
}
