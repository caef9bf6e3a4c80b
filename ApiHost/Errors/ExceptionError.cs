using Orleans.Inference.OpenAiProtocol.Errors;

namespace Orleans.Inference.ApiHost.Errors;

/// <summary>An exception as the client sees it: the status (for a response not yet begun), the error, and when to retry.</summary>
/// <param name="Status">The HTTP status, when the response has not begun; an error event carries only <see cref="Error"/>.</param>
/// <param name="Error">The error in OpenAI's shape.</param>
/// <param name="RetryAfter">When the client may try again, for a <c>Retry-After</c> header.</param>
internal sealed record ExceptionError(int Status, OpenAiError Error, TimeSpan? RetryAfter = null);
