namespace Orleans.Inference.OpenAiProtocol.Errors;

/// <summary>The client errors every OpenAI-compatible server words the same way; the host picks the status (400 unless noted).</summary>
public static class OpenAiErrors
{
    /// <summary>A field with a wrong value.</summary>
    public static OpenAiError Invalid(string message, string? param, string? code = null) =>
        new(message, OpenAiErrorTypes.InvalidRequest, param, code);

    /// <summary>OpenAI's words and code for an array past its limit, so clients that handle OpenAI's error handle this one.</summary>
    public static OpenAiError ArrayTooLong(string param, int max, int length) => Invalid(
        $"Invalid '{param}': array too long. Expected an array with maximum length {max}, but got an array with length {length} instead.",
        param, "array_above_max_length");

    /// <summary>For 404: no such model.</summary>
    public static OpenAiError ModelNotFound(string model) => Invalid($"The model '{model}' does not exist.", "model", "model_not_found");

    /// <summary>For 415: the body is not JSON.</summary>
    public static OpenAiError UnsupportedMediaType() =>
        Invalid("The request body must be JSON (Content-Type: application/json).", null, "unsupported_media_type");

    /// <summary>For 413: the body is larger than the server accepts.</summary>
    public static OpenAiError RequestTooLarge(string message) => Invalid(message, null, "request_too_large");
}
