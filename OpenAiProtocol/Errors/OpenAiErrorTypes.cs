namespace Orleans.Inference.OpenAiProtocol.Errors;

/// <summary>The <c>type</c> values of OpenAI's errors.</summary>
public static class OpenAiErrorTypes
{
    public const string InvalidRequest = "invalid_request_error";
    public const string RateLimit = "rate_limit_error";
    public const string ServerError = "server_error";
}
