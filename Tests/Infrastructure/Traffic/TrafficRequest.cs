namespace Orleans.Inference.Tests.Infrastructure.Traffic;

/// <summary>One request of mixed traffic: where it goes, its shape, and whether its client gives up on it part way.</summary>
/// <param name="Model">The model id.</param>
/// <param name="Prompt">The prompt (a chat request sends it as one user message).</param>
/// <param name="MaxTokens">max_tokens.</param>
/// <param name="Chat">True for <c>/v1/chat/completions</c>, false for <c>/v1/completions</c>.</param>
/// <param name="Stream">True to stream the answer as Server-Sent Events.</param>
/// <param name="CancelAfter">When set, the client gives up this long after sending, whatever has arrived by then.</param>
public sealed record TrafficRequest(string Model, string Prompt, int MaxTokens, bool Chat, bool Stream, TimeSpan? CancelAfter = null)
{
    public string Path => Chat ? "v1/chat/completions" : "v1/completions";

    /// <summary>What the request is, for a summary line: <c>chat stream</c>, <c>completion</c> and so on.</summary>
    public string Kind => (Chat ? "chat" : "completion") + (Stream ? " stream" : "");

    public string Body()
    {
        var prompt = System.Text.Json.JsonSerializer.Serialize(Prompt);
        var input = Chat ? $$"""
            "messages":[{"role":"user","content":{{prompt}}}]
            """ : $"\"prompt\":{prompt}";
        return $$"""{"model":"{{Model}}",{{input}},"max_tokens":{{MaxTokens}},"stream":{{(Stream ? "true" : "false")}}}""";
    }

    /// <summary>
    /// A request drawn at random: half streamed, a third chat, <paramref name="cancelShare"/> of them cancelled by their
    /// client within <paramref name="cancelWithin"/>, and <paramref name="failShare"/> with <paramref name="failMarker"/>
    /// in the prompt (which makes a simulated engine configured for it fail the sequence).
    /// </summary>
    public static TrafficRequest Draw(
        Random random, string model, int maxTokens, double cancelShare = 0, TimeSpan cancelWithin = default, double failShare = 0, string failMarker = "FAIL")
    {
        var fails = random.NextDouble() < failShare;
        var cancel = random.NextDouble() < cancelShare ? cancelWithin * random.NextDouble() : (TimeSpan?)null;
        var prompt = $"{(fails ? failMarker + " " : "")}traffic {random.Next(1_000_000)}";
        return new TrafficRequest(model, prompt, maxTokens, Chat: random.Next(3) == 0, Stream: random.Next(2) == 0, cancel);
    }
}
