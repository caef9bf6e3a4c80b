using Orleans.Inference.Engines;

namespace Orleans.Inference.Backends.Http;

/// <summary>Prefix affinity (<see cref="ReplicaSelection.PrefixAffinity"/>) for single prompts and array batches.</summary>
internal sealed partial class BackendEndpoint
{
    /// <summary>
    /// With <see cref="ReplicaSelection.PrefixAffinity"/> and <see cref="PrefixArrayRouting.Split"/>, the parts of an array
    /// <paramref name="batch"/> by the replica each prompt prefers, to be sent as one array each; null when it goes whole.
    /// </summary>
    public List<List<BatchSequence>>? SplitByPrefix(IReadOnlyList<BatchSequence> batch)
    {
        if (_prefixes is null || _options.PrefixArrays != PrefixArrayRouting.Split || batch.Count < 2) return null;
        Span<int> healthy = stackalloc int[_replicas.Length];
        Span<(int Replica, int Outstanding)> candidates = stackalloc (int, int)[Candidates(null, healthy)];
        if (candidates.Length < 2) return null;
        for (var i = 0; i < candidates.Length; i++) candidates[i] = (healthy[i], 0);
        var parts = new List<BatchSequence>?[_replicas.Length];
        var count = 0;
        foreach (var sequence in batch)
        {
            var replica = _prefixes.Prefer(_prefixes.Hash(sequence.Request.Prompt), candidates).Replica;
            if (parts[replica] is null) count++;
            (parts[replica] ??= []).Add(sequence);
        }

        return count < 2 ? null : [.. parts.OfType<List<BatchSequence>>()];
    }

    /// <summary>The replica most of the prompts prefer (the first prompt's on a tie), within the load bound; every prompt is remembered there.</summary>
    private BackendReplica PickByPrefix(ReadOnlySpan<int> candidates, ulong[][] prompts)
    {
        Span<(int Replica, int Outstanding)> loads = stackalloc (int, int)[candidates.Length];
        for (var i = 0; i < candidates.Length; i++) loads[i] = (candidates[i], _replicas[candidates[i]].Outstanding);
        var choice = prompts.Length == 1 ? _prefixes!.Choose(prompts[0], loads) : _prefixes!.Bound(Majority(prompts, loads), loads);
        foreach (var prompt in prompts) _prefixes.Record(prompt, choice.Replica);
        _metrics?.Routed(Name, choice.How);
        return _replicas[choice.Replica];
    }

    private PrefixChoice Majority(ulong[][] prompts, ReadOnlySpan<(int Replica, int Outstanding)> loads)
    {
        var first = -1;
        Span<int> votes = stackalloc int[_replicas.Length];
        votes.Clear();
        Span<bool> matched = stackalloc bool[_replicas.Length];
        matched.Clear();
        foreach (var prompt in prompts)
        {
            var preference = _prefixes!.Prefer(prompt, loads);
            if (first < 0) first = preference.Replica;
            votes[preference.Replica]++;
            matched[preference.Replica] |= preference.How == PrefixRouting.Matched;
        }

        var best = first;
        for (var i = 0; i < votes.Length; i++)
        {
            if (votes[i] > votes[best]) best = i;
        }

        return new PrefixChoice(best, matched[best] ? PrefixRouting.Matched : PrefixRouting.Hashed);
    }

    private ulong[][] HashAll(IReadOnlyList<BatchSequence> batch)
    {
        var hashes = new ulong[batch.Count][];
        for (var i = 0; i < hashes.Length; i++) hashes[i] = _prefixes!.Hash(batch[i].Request.Prompt);
        return hashes;
    }
}
