using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Orleans.Inference.ApiHost.Errors;
using Orleans.Inference.OpenAiProtocol.Errors;

namespace Orleans.Inference.ApiHost.Auth;

/// <summary>
/// The 401, 403 and 429 the gateway answers for keys, in OpenAI's error shape. None repeats the key sent: OpenAI's own
/// "Incorrect API key provided: sk-ab***yz" shows part of it; this gateway shows nothing.
/// </summary>
internal static class AuthErrors
{
    public const string RateLimitError = "rate_limit_error";

    public static JsonHttpResult<OpenAiErrorResponse> Unauthorized(KeyRefusal refusal) => refusal switch
    {
        KeyRefusal.Malformed => Create(
            StatusCodes.Status401Unauthorized,
            "Malformed Authorization header: send your API key as 'Authorization: Bearer YOUR_KEY'.", "invalid_authorization_header"),
        KeyRefusal.Incorrect => Create(StatusCodes.Status401Unauthorized, "Incorrect API key provided.", "invalid_api_key"),
        _ => Create(
            StatusCodes.Status401Unauthorized,
            "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth " +
            "(i.e. Authorization: Bearer YOUR_KEY).", "missing_api_key"),
    };

    public static JsonHttpResult<OpenAiErrorResponse> Forbidden() => Create(
        StatusCodes.Status403Forbidden, "This API key may not use the admin API: it needs an admin key (Auth:AdminKeys).", "insufficient_permissions");

    public static JsonHttpResult<OpenAiErrorResponse> TooManyRequests(KeyLimits limits) => ApiErrors.Create(
        StatusCodes.Status429TooManyRequests,
        string.Create(CultureInfo.InvariantCulture,
            $"Rate limit reached for requests: this API key may send {limits.RequestsPerSecond} per second (bursts of {limits.Burst}). Please try again later."),
        RateLimitError, null, "rate_limit_exceeded");

    public static JsonHttpResult<OpenAiErrorResponse> TooManyConcurrent(KeyLimits limits) => ApiErrors.Create(
        StatusCodes.Status429TooManyRequests,
        $"Too many concurrent requests: this API key may have {limits.ConcurrentRequests} in progress at once. Please try again once one has ended.",
        RateLimitError, null, "concurrency_limit_exceeded");

    private static JsonHttpResult<OpenAiErrorResponse> Create(int status, string message, string code) =>
        ApiErrors.Create(status, message, ApiErrors.InvalidRequest, null, code);
}
