using System.Text.Json.Serialization;
using Orleans.Inference.Simulator.Chat;
using Orleans.Inference.Simulator.Completions;
using Orleans.Inference.Simulator.Errors;
using Orleans.Inference.Simulator.Faults;
using Orleans.Inference.Simulator.Models;
using Orleans.Inference.Simulator.Stats;

namespace Orleans.Inference.Simulator.Json;

/// <summary>Source-generated JSON for everything the Simulator reads and writes: snake_case, nulls left out unless OpenAI shows them.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    MaxDepth = 32)]
[JsonSerializable(typeof(CompletionRequest))]
[JsonSerializable(typeof(CompletionResponse))]
[JsonSerializable(typeof(ChatRequest))]
[JsonSerializable(typeof(ChatCompletionResponse))]
[JsonSerializable(typeof(ChatCompletionChunk))]
[JsonSerializable(typeof(ModelList))]
[JsonSerializable(typeof(OpenAiErrorResponse))]
[JsonSerializable(typeof(StatsResponse))]
[JsonSerializable(typeof(FaultOptions))]
[JsonSerializable(typeof(PropsResponse))]
internal sealed partial class SimulatorJsonContext : JsonSerializerContext;
