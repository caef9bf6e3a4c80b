using System.Text.Json.Serialization;
using Orleans.Inference.OpenAiProtocol.Chat;
using Orleans.Inference.OpenAiProtocol.Completions;
using Orleans.Inference.OpenAiProtocol.Errors;
using Orleans.Inference.OpenAiProtocol.Reading;
using Orleans.Inference.OpenAiProtocol.Responses;

namespace Orleans.Inference.OpenAiProtocol.Json;

/// <summary>
/// Source-generated JSON for the OpenAI wire format; use it through <see cref="OpenAiJson.Context"/>, which carries OpenAI's
/// style (or as a resolver in options that do).
/// </summary>
[JsonSerializable(typeof(CompletionRequest))]
[JsonSerializable(typeof(CompletionResponse))]
[JsonSerializable(typeof(ChatCompletionRequest))]
[JsonSerializable(typeof(ChatCompletionResponse))]
[JsonSerializable(typeof(ChatCompletionChunk))]
[JsonSerializable(typeof(ModelList<ModelObject>))]
[JsonSerializable(typeof(OpenAiErrorResponse))]
[JsonSerializable(typeof(ResponseChunk))]
public sealed partial class OpenAiJsonContext : JsonSerializerContext;
