namespace Orleans.Inference.ApiHost.Hosting;

/// <summary>
/// Every request gets an id: the client's <c>x-request-id</c> when it sent a usable one, a new one otherwise. It becomes the
/// request's <see cref="HttpContext.TraceIdentifier"/>, so ASP.NET's own logs and errors carry it, goes back in the
/// response's <c>x-request-id</c>, and travels with each generation request through the grains (in
/// <see cref="Generation.InferenceRequest.RequestId"/>) into their logs and on to an HTTP backend.
/// </summary>
internal static class RequestIds
{
    public const string Header = "x-request-id";

    /// <summary>Longer ids are replaced rather than trusted: every log line of the request repeats it.</summary>
    public const int MaxLength = 128;

    public static IApplicationBuilder UseRequestIds(this IApplicationBuilder app) => app.Use(static (http, next) =>
    {
        var sent = http.Request.Headers[Header];
        var id = sent.Count == 1 && IsUsable(sent[0]) ? sent[0]! : New();
        http.TraceIdentifier = id;
        http.Response.Headers[Header] = id;
        return next(http);
    });

    /// <summary>Visible ASCII only: an id with spaces, quotes or control characters could forge log lines.</summary>
    public static bool IsUsable(string? id)
    {
        if (id is not { Length: > 0 and <= MaxLength }) return false;
        foreach (var c in id)
        {
            if (c is < '!' or > '~' or '"' or '\\') return false;
        }

        return true;
    }

    /// <summary>Time-ordered and unique across the gateways of a cluster, unlike Kestrel's per-process connection ids.</summary>
    public static string New() => Guid.CreateVersion7().ToString("N");
}
