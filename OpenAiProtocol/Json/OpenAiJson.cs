using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Orleans.Inference.OpenAiProtocol.Json;

/// <summary>OpenAI's JSON style, and the context every OpenAI-shaped body goes through.</summary>
public static class OpenAiJson
{
    public static readonly OpenAiJsonContext Context = new(CreateOptions());

    /// <summary>
    /// OpenAI's style: snake_case, nulls left out unless a property says OpenAI shows them, and escaping only what JSON requires,
    /// so text reads as sent (no \u0027 for '). A new instance each time, because a context binds the options it is given:
    /// a server's context for its own bodies takes one, so its bodies look like OpenAI's.
    /// </summary>
    public static JsonSerializerOptions CreateOptions() => new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        MaxDepth = 32,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
