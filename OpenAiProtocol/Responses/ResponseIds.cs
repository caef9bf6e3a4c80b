namespace Orleans.Inference.OpenAiProtocol.Responses;

/// <summary>Ids and timestamps in OpenAI's form.</summary>
public static class ResponseIds
{
    public static string Completion() => "cmpl-" + Guid.NewGuid().ToString("N");

    public static string ChatCompletion() => "chatcmpl-" + Guid.NewGuid().ToString("N");

    /// <summary>Unix seconds, for a response's <c>created</c>.</summary>
    public static long UnixNow(this TimeProvider time) => time.GetUtcNow().ToUnixTimeSeconds();
}
