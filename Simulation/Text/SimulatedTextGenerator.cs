namespace Orleans.Inference.Simulation.Text;

/// <summary>
/// Deterministic pseudo-text for (prompt, seed): sentences of 5 to 14 words drawn from
/// <see cref="SimulatedVocabulary"/> by a SplitMix64 stream seeded from the prompt's FNV-1a hash.
/// </summary>
internal struct SimulatedTextGenerator
{
    private ulong _state;
    private int _wordsLeftInSentence;
    private bool _sentenceStart;

    public SimulatedTextGenerator(string prompt, long seed)
    {
        _state = Fnv1a(prompt) ^ unchecked((ulong)seed * 0x9E3779B97F4A7C15UL);
        _sentenceStart = true;
        _wordsLeftInSentence = 0;
    }

    /// <summary>The next token's text.</summary>
    public string Next()
    {
        if (_wordsLeftInSentence == 0) _wordsLeftInSentence = 5 + (int)(NextRandom() % 10);
        var word = (int)(NextRandom() % (ulong)SimulatedVocabulary.Count);
        _wordsLeftInSentence--;
        string token;
        if (_wordsLeftInSentence == 0) token = SimulatedVocabulary.Closing[word];
        else if (_sentenceStart) token = SimulatedVocabulary.Opening[word];
        else token = SimulatedVocabulary.Middle[word];
        _sentenceStart = _wordsLeftInSentence == 0;
        return token;
    }

    /// <summary>The simulated tokenizer: one token per whitespace-separated word.</summary>
    public static int CountTokens(string text)
    {
        var count = 0;
        var inWord = false;
        foreach (var c in text)
        {
            var space = char.IsWhiteSpace(c);
            if (!space && !inWord) count++;
            inWord = !space;
        }

        return count;
    }

    private ulong NextRandom()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong Fnv1a(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }
}
