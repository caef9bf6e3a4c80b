using System.Text.Encodings.Web;
using System.Text.Json;

namespace Orleans.Inference.ApiHost.Json;

/// <summary>The JSON context every OpenAI-shaped body goes through.</summary>
internal static class OpenAiJson
{
    /// <summary>Source-generated, and escaping only what JSON requires, so text reads as sent (no \u0027 for ').</summary>
    public static readonly OpenAiJsonContext Context = new(new JsonSerializerOptions(OpenAiJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
