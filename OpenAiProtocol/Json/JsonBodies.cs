using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Orleans.Inference.OpenAiProtocol.Errors;

namespace Orleans.Inference.OpenAiProtocol.Json;

/// <summary>Reads a request body as JSON, turning every way it can be wrong into the OpenAI error that names the field.</summary>
public static class JsonBodies
{
    /// <summary>The body, or the 400 error that says what is wrong with it. Errors of the stream itself (too large, aborted) are thrown.</summary>
    public static async ValueTask<(T? Value, OpenAiError? Error)> ReadAsync<T>(Stream body, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            var value = await JsonSerializer.DeserializeAsync(body, typeInfo, cancellationToken);
            return value is null ? (null, OpenAiErrors.Invalid("The request body must be a JSON object.", null)) : (value, null);
        }
        catch (JsonException error)
        {
            return (null, ToError(error));
        }
    }

    /// <summary>The 400 error for a body System.Text.Json could not read.</summary>
    private static OpenAiError ToError(JsonException error)
    {
        var param = ParamOf(error.Path);
        var message = param is null
            ? $"We could not parse the JSON body of your request: {Reason(error)}"
            : $"Invalid value for '{param}': {Reason(error)}";
        return OpenAiErrors.Invalid(message, param);
    }

    /// <summary>"$.messages[0].content" becomes "messages[0].content"; the root is no parameter.</summary>
    private static string? ParamOf(string? path) =>
        path is null || path == "$" ? null : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;

    /// <summary>The exception's message without the position details System.Text.Json appends.</summary>
    private static string Reason(JsonException error)
    {
        // Text the reader cannot decode reaches us as a failed conversion, which would blame the value's type.
        if (error.InnerException is InvalidOperationException undecodable)
        {
            if (undecodable.InnerException is System.Text.DecoderFallbackException) return "the text is not valid UTF-8.";
            if (undecodable.Message.Contains("UTF-16", StringComparison.Ordinal)) return "the text holds an unpaired surrogate escape (\\uD800-\\uDFFF).";
        }

        var message = error.Message;
        if (message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal)) return "the value has the wrong type.";
        var at = message.IndexOf(" Path:", StringComparison.Ordinal);
        return at > 0 ? message[..at] : message;
    }
}
