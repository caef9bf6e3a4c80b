using System.Text.Json.Serialization;

namespace Orleans.Inference.Backends.Http.Json;

/// <summary>Source-generated JSON for what backends send, in OpenAI's snake_case.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(BackendChunk))]
[JsonSerializable(typeof(BackendModelList))]
internal sealed partial class BackendJson : JsonSerializerContext;
