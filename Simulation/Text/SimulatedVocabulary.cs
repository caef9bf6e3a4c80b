namespace Orleans.Inference.Simulation.Text;

/// <summary>
/// The simulated engine's word list: one word is one token. Every spelling a token can take
/// (leading space, capitalised, ending a sentence) is built once so that generating allocates nothing.
/// </summary>
internal static class SimulatedVocabulary
{
    private static readonly string[] Words =
    [
        "the", "a", "model", "request", "token", "batch", "cluster", "silo", "grain", "stream",
        "gateway", "answer", "question", "system", "latency", "throughput", "memory", "network", "server", "client",
        "time", "data", "value", "result", "state", "message", "queue", "window", "policy", "engine",
        "simple", "quick", "careful", "steady", "bright", "quiet", "small", "large", "new", "old",
        "fast", "slow", "clear", "early", "late", "open", "ready", "busy", "warm", "cold",
        "runs", "sends", "reads", "writes", "waits", "loads", "serves", "returns", "holds", "takes",
        "builds", "moves", "keeps", "finds", "makes", "gives", "shows", "starts", "stops", "grows",
        "and", "but", "so", "then", "while", "because", "when", "where", "if", "as",
        "of", "to", "in", "on", "for", "with", "from", "by", "at", "over",
        "every", "each", "some", "many", "few", "one", "two", "three", "more", "less",
        "river", "mountain", "garden", "window", "letter", "bridge", "harbor", "forest", "city", "road",
        "morning", "evening", "story", "voice", "light", "paper", "table", "music", "number", "reason",
    ];

    /// <summary>" word": a token in the middle of a sentence.</summary>
    public static readonly string[] Middle = Words.Select(w => " " + w).ToArray();

    /// <summary>" Word": a token that starts a sentence.</summary>
    public static readonly string[] Opening = Words.Select(w => " " + char.ToUpperInvariant(w[0]) + w[1..]).ToArray();

    /// <summary>" word.": a token that ends a sentence.</summary>
    public static readonly string[] Closing = Words.Select(w => " " + w + ".").ToArray();

    public static int Count => Words.Length;
}
