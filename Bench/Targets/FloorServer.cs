namespace Orleans.Inference.Bench.Targets;

/// <summary>
/// The floor: a minimal ASP.NET endpoint that returns a completion of the same size as the gateway's, with no
/// parsing, grains or generation. What the load generator gets from it on this machine bounds what any gateway can.
/// </summary>
internal static class FloorServer
{
    public const string Command = "serve-floor";

    private const string Completion =
        """{"object":"text_completion","id":"cmpl-00000000000000000000000000000000","created":1795485736,"model":"floor","choices":[{"text":" Harbor if holds finds large music more harbor. Model starts grain from the quick river bridge","index":0,"finish_reason":"length","logprobs":null}],"usage":{"prompt_tokens":4,"completion_tokens":16,"total_tokens":20}}""";

    public static async Task RunAsync(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        var body = System.Text.Encoding.UTF8.GetBytes(Completion);
        app.MapGet("/ready", () => "ok");
        // The JIT's time alone, in the gateway's Prometheus name, so the Bench warms the floor until it settles as it does the gateway.
        app.MapGet("/metrics", () => FormattableString.Invariant(
            $"dotnet_jit_compilation_time_seconds_total {System.Runtime.JitInfo.GetCompilationTime().TotalSeconds}\n"));
        app.MapPost("/v1/completions", async (HttpContext http) =>
        {
            await http.Request.Body.CopyToAsync(Stream.Null);
            http.Response.ContentType = "application/json";
            await http.Response.Body.WriteAsync(body);
        });
        await app.RunAsync();
    }
}
