using Orleans.Inference.Engines;
using Orleans.Inference.Generation;

namespace Orleans.Inference.Batching;

/// <summary>
/// A model's waiting sequences, queued per tenant and taken by deficit round robin (Shreedhar and Varghese, 1995): a
/// tenant's turn gives it its weight in credit, each sequence it sends costs one, and a tenant whose turn a full batch
/// cut short keeps its turn and its credit for the next batch. Priority classes are served strictly, highest first.
/// With one tenant it is the plain first-come, first-served queue it replaced, in the same order.
/// </summary>
internal sealed class FairQueue(TimeProvider time)
{
    /// <summary>Tenants with nothing waiting kept for their next request (no allocation per request), up to this many.</summary>
    private const int RememberedTenants = 256;

    private static readonly TenantPriority[] ClassesServedFirst = [TenantPriority.Interactive, TenantPriority.Standard, TenantPriority.Batch];

    private readonly Dictionary<string, TenantQueue> _tenants = new(StringComparer.Ordinal);

    /// <summary>Per class, the tenants with sequences waiting, in turn order: the first one's turn is now.</summary>
    private readonly List<TenantQueue>[] _turns = [[], [], []];

    /// <summary>What one <see cref="Take"/> has taken so far (reused: a batch allocates only the list it returns).</summary>
    private readonly List<QueuedSequence> _taken = [];

    public int Count { get; private set; }

    /// <summary>The sum of the weights of the tenants with sequences waiting.</summary>
    public int ActiveWeight { get; private set; }

    public void Enqueue(QueuedSequence item)
    {
        var tenant = item.Tenant;
        if (!_tenants.TryGetValue(tenant.Name, out var queue))
        {
            if (_tenants.Count >= RememberedTenants) ForgetIdle();
            _tenants[tenant.Name] = queue = new TenantQueue(tenant);
        }

        if (queue.Items.Count == 0)
        {
            // A tenant joins at the end of its class's round, with no credit: its first turn comes after those ahead of it.
            queue.Tenant = tenant;
            queue.Credit = 0;
            Turns(tenant.Priority).Add(queue);
            ActiveWeight += tenant.Weight;
        }

        queue.Items.Add(item);
        Count++;
    }

    /// <summary>Sequences <paramref name="tenant"/> has waiting.</summary>
    public int CountOf(Tenant tenant) => _tenants.TryGetValue(tenant.Name, out var queue) ? queue.Items.Count : 0;

    /// <summary>Whether <paramref name="tenant"/> has sequences waiting (and so is counted in <see cref="ActiveWeight"/>).</summary>
    public bool IsActive(Tenant tenant) => CountOf(tenant) > 0;

    /// <summary>The sequence that has waited longest, whoever's it is; the queue must not be empty.</summary>
    public QueuedSequence Oldest()
    {
        QueuedSequence? oldest = null;
        foreach (var turns in _turns)
        {
            foreach (var queue in turns)
            {
                if (oldest is null || queue.Items[0].EnqueuedAt < oldest.Value.EnqueuedAt) oldest = queue.Items[0];
            }
        }

        return oldest ?? throw new InvalidOperationException("The queue is empty.");
    }

    /// <summary>The sequence the next batch starts with: the oldest of the tenant whose turn it is; the queue must not be empty.</summary>
    public QueuedSequence Next()
    {
        foreach (var priority in ClassesServedFirst)
        {
            if (Turns(priority) is [var first, ..]) return first.Items[0];
        }

        throw new InvalidOperationException("The queue is empty.");
    }

    /// <summary>
    /// Takes up to <paramref name="maxBatchSize"/> sequences that share the key of <see cref="Next"/>, tenants taking turns
    /// by weight within the highest class that has any, then the classes below while the batch has room; sets each one's
    /// queue wait.
    /// </summary>
    public List<BatchSequence> Take(int maxBatchSize, Func<BatchSequence, object?> keyOf)
    {
        var key = default(BatchKey);
        foreach (var priority in ClassesServedFirst)
        {
            var turns = Turns(priority);
            // Tenants in a row that had nothing sharing the key: once all of them, the class has nothing more for this batch.
            var passed = 0;
            while (_taken.Count < maxBatchSize && turns.Count > 0 && passed < turns.Count)
            {
                var queue = turns[0];
                // Alone in its class, a tenant's turn is the whole batch: taking it one weight at a time would rescan its queue.
                if (queue.Credit == 0) queue.Credit = turns.Count == 1 ? Math.Max(queue.Tenant.Weight, maxBatchSize) : queue.Tenant.Weight;
                var took = queue.TakeInto(_taken, maxBatchSize, keyOf, ref key);
                Count -= took;
                passed = took == 0 ? passed + 1 : 0;
                if (queue.Items.Count == 0) Leave(queue);
                else if (queue.Credit == 0 || took == 0) Rotate(turns);
            }
        }

        var now = time.GetTimestamp();
        var batch = new List<BatchSequence>(_taken.Count);
        foreach (var waiting in _taken)
        {
            waiting.Sequence.QueueWait = time.GetElapsedTime(waiting.EnqueuedAt, now);
            batch.Add(waiting.Sequence);
        }

        _taken.Clear();
        return batch;
    }

    /// <summary>Removes the sequences that match <paramref name="remove"/>, wherever they wait.</summary>
    public List<QueuedSequence> RemoveWhere(Func<QueuedSequence, bool> remove)
    {
        var removed = new List<QueuedSequence>();
        foreach (var turns in _turns)
        {
            // Backwards: a tenant left with nothing leaves its round.
            for (var i = turns.Count - 1; i >= 0; i--)
            {
                var queue = turns[i];
                queue.Items.RemoveAll(item =>
                {
                    if (!remove(item)) return false;
                    removed.Add(item);
                    return true;
                });
                if (queue.Items.Count == 0) Leave(queue);
            }
        }

        Count -= removed.Count;
        return removed;
    }

    private List<TenantQueue> Turns(TenantPriority priority) => _turns[(int)priority];

    /// <summary>A tenant with nothing waiting leaves the rounds, and its unused credit with it, as in deficit round robin.</summary>
    private void Leave(TenantQueue queue)
    {
        Turns(queue.Tenant.Priority).Remove(queue);
        ActiveWeight -= queue.Tenant.Weight;
        queue.Credit = 0;
    }

    /// <summary>Forgets the tenants with nothing waiting, so that callers naming new tenants at will cannot grow the queue.</summary>
    private void ForgetIdle()
    {
        foreach (var (name, queue) in _tenants)
        {
            if (queue.Items.Count == 0) _tenants.Remove(name);
        }
    }

    private static void Rotate(List<TenantQueue> turns)
    {
        var first = turns[0];
        turns.RemoveAt(0);
        turns.Add(first);
    }
}
