using Orleans.Inference.OpenAiProtocol.Json;

namespace Orleans.Inference.ApiHost.Json;

/// <summary>The gateway's own bodies (admin, catalog), in OpenAI's JSON style; OpenAI's go through <see cref="OpenAiJson"/>.</summary>
internal static class GatewayJson
{
    public static readonly GatewayJsonContext Context = new(OpenAiJson.CreateOptions());
}
