namespace Orleans.Inference.Generation;

/// <summary>
/// The backend failed to generate a sequence; other sequences of its batch are not affected. <see cref="StatusCode"/> is
/// what the caller should get: 502 (backend failed or unreachable), 503 or 429 (backend overloaded, retry after
/// <see cref="RetryAfter"/>), 504 (backend timed out) or 400 (the backend rejected the request).
/// </summary>
[GenerateSerializer, Alias("generation.backend-failed")]
public sealed class BackendException(string message, int statusCode = 502, TimeSpan? retryAfter = null) : Exception(message)
{
    /// <summary>The HTTP status the caller should get.</summary>
    [Id(0)]
    public int StatusCode { get; } = statusCode;

    /// <summary>When a retry may succeed, when the backend said so (or a replica's circuit will close).</summary>
    [Id(1)]
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
