using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Orleans.Inference.Generation;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Orleans.Inference.Backends.Http;

/// <summary>
/// What a backend failure means for the caller: 429 and 503 pass on with Retry-After, a timeout is 504, a backend that
/// cannot be reached (or answers 5xx) is 502, a request it rejects as invalid is 400; always with the backend's own reason.
/// </summary>
internal static class BackendErrors
{
    /// <summary>The caller-facing error for a request that failed before a response; null for one that is not a backend failure.</summary>
    public static BackendException? FromException(string endpoint, Exception error, TimeSpan retryAfter) => error switch
    {
        BrokenCircuitException broken => new BackendException(
            $"Every replica of backend '{endpoint}' is failing; it is out of service for now.", 503, broken.RetryAfter ?? retryAfter),
        TimeoutRejectedException timeout => new BackendException($"Backend '{endpoint}' did not answer within {timeout.Timeout.TotalSeconds:0.#} s.", 504),
        HttpRequestException http => new BackendException($"Backend '{endpoint}' could not be reached: {http.Message}", 502),
        _ => null,
    };

    /// <summary>The caller-facing error for a response with an error status; reads the backend's own message from its body.</summary>
    public static async Task<BackendException> FromResponseAsync(string endpoint, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var reason = await ReasonAsync(response, cancellationToken);
        var said = $"Backend '{endpoint}' answered {(int)response.StatusCode}{(reason is null ? "" : ": " + reason)}";
        var retryAfter = response.Headers.RetryAfter is { } header ? Delay(header) : (TimeSpan?)null;
        return response.StatusCode switch
        {
            HttpStatusCode.TooManyRequests => new BackendException(said, 429, retryAfter ?? TimeSpan.FromSeconds(1)),
            HttpStatusCode.ServiceUnavailable => new BackendException(said, 503, retryAfter ?? TimeSpan.FromSeconds(1)),
            HttpStatusCode.RequestTimeout or HttpStatusCode.GatewayTimeout => new BackendException(said, 504),
            HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity => new BackendException(said, 400),
            _ => new BackendException(said, 502),
        };
    }

    /// <summary>The error for a stream that ended before its sequences did (a dropped connection).</summary>
    public static BackendException StreamLost(string endpoint, Exception? error) =>
        new($"The connection to backend '{endpoint}' was lost mid-stream{(error is null ? "" : ": " + error.Message)}", 502);

    /// <summary>A Retry-After header as a delay from now.</summary>
    public static TimeSpan Delay(RetryConditionHeaderValue header) =>
        header.Delta ?? (header.Date is { } date ? date - DateTimeOffset.UtcNow : TimeSpan.Zero);

    private static async Task<string?> ReasonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (body.Length == 0) return null;
            try
            {
                using var json = JsonDocument.Parse(body);
                if (json.RootElement.TryGetProperty("error", out var error))
                {
                    if (error.ValueKind == JsonValueKind.String) return error.GetString();
                    if (error.ValueKind == JsonValueKind.Object && error.TryGetProperty("message", out var message)) return message.GetString();
                }
            }
            catch (JsonException)
            {
                // Not OpenAI's shape: the text itself, shortened, is the best reason there is.
            }

            return body.Length > 300 ? body[..300] : body;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }
}
