
namespace Orleans.Inference.ApiHost.Errors;

/// <summary>
/// Gives the framework's own bodiless errors (unknown route 404, 405, 415 from content-type matching)
/// OpenAI's error shape, so a client never has to handle two kinds of error body.
/// </summary>
internal static class StatusCodeErrors
{
    public static WebApplication UseOpenAiStatusCodeErrors(this WebApplication app)
    {
        app.UseStatusCodePages(async context =>
        {
            var http = context.HttpContext;
            var status = http.Response.StatusCode;
            var message = status switch
            {
                StatusCodes.Status404NotFound => $"Unknown request URL: {http.Request.Method} {http.Request.Path}.",
                StatusCodes.Status405MethodNotAllowed => $"Method {http.Request.Method} is not allowed on {http.Request.Path}.",
                StatusCodes.Status415UnsupportedMediaType => "The request body must be JSON (Content-Type: application/json).",
                _ => Describe(status),
            };
            var type = status >= 500 ? ApiErrors.ServerError : ApiErrors.InvalidRequest;
            await ApiErrors.Create(status, message, type, null, null).ExecuteAsync(http);
        });
        return app;
    }

    private static string Describe(int status) =>
        Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase + "." : $"HTTP {status}.";
}
