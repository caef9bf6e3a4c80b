namespace Orleans.Inference.ApiHost.Requests;

/// <summary>Ids and timestamps in OpenAI's form.</summary>
internal static class ResponseIds
{
    public static string Completion() => "cmpl-" + Guid.NewGuid().ToString("N");

    public static string ChatCompletion() => "chatcmpl-" + Guid.NewGuid().ToString("N");

    public static long UnixNow(this TimeProvider time) => time.GetUtcNow().ToUnixTimeSeconds();
}
