using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace Orleans.Inference.Backends.Http;

/// <summary>
/// Prefix affinity for one endpoint's replicas (<see cref="ReplicaSelection.PrefixAffinity"/>). A prompt is cut into
/// blocks of <see cref="BackendEndpointOptions.PrefixBlockChars"/> characters, each block's hash chained to those before
/// it, so two prompts that share their first k blocks share their first k hashes. The replica that last served the
/// longest matching prefix is preferred (its KV cache likely still holds it); a prompt with no match goes where
/// rendezvous hashing of its first block sends it, so every host of a cluster agrees without sharing state. A preferred
/// replica past <c>(1 + epsilon)</c> times the mean load is passed over for the least loaded (bounded-load consistent
/// hashing): one hot prefix cannot overload a replica. Memory is an LRU of at most <c>capacity</c> block hashes.
/// </summary>
internal sealed class PrefixRouter(int blockChars, int capacity, double epsilon)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<ulong, LinkedListNode<(ulong Hash, int Replica)>> _entries = [];
    private readonly LinkedList<(ulong Hash, int Replica)> _recency = [];

    /// <summary>Block hashes the router remembers.</summary>
    public int Count
    {
        get
        {
            lock (_lock) return _entries.Count;
        }
    }

    /// <summary>
    /// The chained hashes of <paramref name="prompt"/>'s blocks; a prompt shorter than a block has one, of all of it, so
    /// it still has a deterministic home.
    /// </summary>
    public ulong[] Hash(string prompt)
    {
        var blocks = Math.Max(1, prompt.Length / blockChars);
        var hashes = new ulong[blocks];
        ulong previous = 0;
        for (var i = 0; i < blocks; i++)
        {
            var block = prompt.AsSpan(i * blockChars, Math.Min(blockChars, prompt.Length - i * blockChars));
            previous = XxHash3.HashToUInt64(MemoryMarshal.AsBytes(block), unchecked((long)previous));
            hashes[i] = previous;
        }

        return hashes;
    }

    /// <summary>
    /// The replica for a prompt with <paramref name="hashes"/> among the <paramref name="candidates"/> (indexes of healthy
    /// replicas and their outstanding requests), and how it was chosen.
    /// </summary>
    public PrefixChoice Choose(ReadOnlySpan<ulong> hashes, ReadOnlySpan<(int Replica, int Outstanding)> candidates) =>
        Bound(Prefer(hashes, candidates), candidates);

    /// <summary>
    /// The replica that last served the longest prefix of the prompt with <paramref name="hashes"/>, or rendezvous hashing's
    /// choice when none did; the load is not looked at.
    /// </summary>
    public PrefixChoice Prefer(ReadOnlySpan<ulong> hashes, ReadOnlySpan<(int Replica, int Outstanding)> candidates)
    {
        lock (_lock)
        {
            for (var i = hashes.Length - 1; i >= 0; i--)
            {
                if (_entries.TryGetValue(hashes[i], out var node) && IndexOf(candidates, node.Value.Replica) >= 0)
                    return new PrefixChoice(node.Value.Replica, PrefixRouting.Matched);
            }
        }

        return new PrefixChoice(Rendezvous(hashes[0], candidates), PrefixRouting.Hashed);
    }

    /// <summary>
    /// <paramref name="preferred"/> if it stays within (1 + epsilon) of the mean load counting this request, otherwise the
    /// least loaded candidate.
    /// </summary>
    public PrefixChoice Bound(PrefixChoice preferred, ReadOnlySpan<(int Replica, int Outstanding)> candidates)
    {
        var total = 1;
        var least = candidates[0];
        foreach (var candidate in candidates)
        {
            total += candidate.Outstanding;
            if (candidate.Outstanding < least.Outstanding) least = candidate;
        }

        var bound = Math.Ceiling((1 + epsilon) * total / candidates.Length);
        var load = candidates[IndexOf(candidates, preferred.Replica)].Outstanding;
        return load + 1 <= bound ? preferred : new PrefixChoice(least.Replica, PrefixRouting.Overloaded);
    }

    /// <summary>Remembers that <paramref name="replica"/> now holds the prompt with <paramref name="hashes"/>.</summary>
    public void Record(ReadOnlySpan<ulong> hashes, int replica)
    {
        lock (_lock)
        {
            foreach (var hash in hashes)
            {
                if (_entries.TryGetValue(hash, out var node))
                {
                    _recency.Remove(node);
                    node.Value = (hash, replica);
                    _recency.AddFirst(node);
                    continue;
                }

                _entries[hash] = _recency.AddFirst((hash, replica));
                if (_entries.Count > capacity)
                {
                    _entries.Remove(_recency.Last!.Value.Hash);
                    _recency.RemoveLast();
                }
            }
        }
    }

    /// <summary>Highest random weight: the candidate whose hash with the key is largest, the same on every host.</summary>
    private static int Rendezvous(ulong key, ReadOnlySpan<(int Replica, int Outstanding)> candidates)
    {
        var best = candidates[0].Replica;
        var bestWeight = 0UL;
        foreach (var candidate in candidates)
        {
            Span<ulong> pair = [key, (ulong)candidate.Replica];
            var weight = XxHash3.HashToUInt64(MemoryMarshal.AsBytes(pair));
            if (weight >= bestWeight) (best, bestWeight) = (candidate.Replica, weight);
        }

        return best;
    }

    private static int IndexOf(ReadOnlySpan<(int Replica, int Outstanding)> candidates, int replica)
    {
        for (var i = 0; i < candidates.Length; i++)
        {
            if (candidates[i].Replica == replica) return i;
        }

        return -1;
    }
}
