namespace Orleans.Inference.OpenAiProtocol.Responses;

/// <summary>Ids and timestamps in OpenAI's form.</summary>
public static class ResponseIds
{
    public static string Completion() => Create("cmpl-");

    public static string ChatCompletion() => Create("chatcmpl-");

    /// <summary>Unix seconds, for a response's <c>created</c>.</summary>
    public static long UnixNow(this TimeProvider time) => time.GetUtcNow().ToUnixTimeSeconds();

    /// <summary>
    /// The prefix and 32 random hex digits. An id names a response and guards nothing, so it comes from the shared fast
    /// generator: <see cref="Guid.NewGuid"/> reads the kernel's random source, a system call per response.
    /// </summary>
    private static string Create(string prefix) => string.Create(prefix.Length + 32, prefix, static (id, prefix) =>
    {
        prefix.CopyTo(id);
        Span<byte> random = stackalloc byte[16];
        Random.Shared.NextBytes(random);
        Convert.TryToHexStringLower(random, id[prefix.Length..], out _);
    });
}
