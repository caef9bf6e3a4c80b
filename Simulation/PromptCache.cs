using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace Orleans.Inference.Simulation;

/// <summary>
/// A simulated KV prefix cache, as vLLM's automatic prefix caching keeps one: an LRU of prompt blocks of
/// <see cref="BlockTokens"/> tokens (a token is a word of the simulated text), each block's hash chained to those before
/// it, up to a number of tokens. A prompt's prefill is charged only for its tokens past its longest cached prefix.
/// </summary>
internal sealed class PromptCache(int capacityTokens)
{
    public const int BlockTokens = 16;

    private readonly Lock _lock = new();
    private readonly Dictionary<ulong, LinkedListNode<ulong>> _blocks = [];
    private readonly LinkedList<ulong> _recency = [];

    /// <summary>Tokens of <paramref name="prompt"/>'s longest cached prefix; then caches every whole block of it.</summary>
    public int Admit(string prompt)
    {
        var hashes = BlockHashes(prompt);
        lock (_lock)
        {
            var cached = 0;
            while (cached < hashes.Count && _blocks.ContainsKey(hashes[cached])) cached++;
            foreach (var hash in hashes) Touch(hash);
            return cached * BlockTokens;
        }
    }

    private void Touch(ulong hash)
    {
        if (_blocks.TryGetValue(hash, out var node))
        {
            _recency.Remove(node);
            _recency.AddFirst(node);
            return;
        }

        _blocks[hash] = _recency.AddFirst(hash);
        if (_blocks.Count * BlockTokens > capacityTokens)
        {
            _blocks.Remove(_recency.Last!.Value);
            _recency.RemoveLast();
        }
    }

    /// <summary>The chained hash of each whole block of words, from the start of the prompt.</summary>
    private static List<ulong> BlockHashes(string prompt)
    {
        var hashes = new List<ulong>();
        ulong previous = 0;
        int words = 0, blockStart = 0;
        var inWord = false;
        for (var i = 0; i <= prompt.Length; i++)
        {
            var space = i == prompt.Length || char.IsWhiteSpace(prompt[i]);
            if (space && inWord && ++words % BlockTokens == 0)
            {
                previous = XxHash3.HashToUInt64(MemoryMarshal.AsBytes(prompt.AsSpan(blockStart, i - blockStart)), unchecked((long)previous));
                hashes.Add(previous);
                blockStart = i;
            }

            inWord = !space;
        }

        return hashes;
    }
}
