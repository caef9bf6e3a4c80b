using System.Text.Json.Serialization;
using Orleans.Inference.ApiHost.Admin;
using Orleans.Inference.ApiHost.Catalog;
using Orleans.Inference.ApiHost.ChatCompletions;
using Orleans.Inference.ApiHost.Completions;
using Orleans.Inference.ApiHost.Errors;

namespace Orleans.Inference.ApiHost.Json;

/// <summary>Source-generated JSON for the OpenAI wire format: snake_case, nulls left out unless OpenAI shows them.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    MaxDepth = 32)]
[JsonSerializable(typeof(CompletionRequest))]
[JsonSerializable(typeof(CompletionResponse))]
[JsonSerializable(typeof(ChatCompletionRequest))]
[JsonSerializable(typeof(ChatCompletionResponse))]
[JsonSerializable(typeof(ChatCompletionChunk))]
[JsonSerializable(typeof(ModelList))]
[JsonSerializable(typeof(ModelObject))]
[JsonSerializable(typeof(OpenAiErrorResponse))]
[JsonSerializable(typeof(AdminModelStatus))]
[JsonSerializable(typeof(AdminModelList))]
[JsonSerializable(typeof(RegisterModelRequest))]
public sealed partial class OpenAiJsonContext : JsonSerializerContext;
