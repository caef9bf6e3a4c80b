using System.Text.Json.Serialization;
using Orleans.Inference.Simulator.Faults;
using Orleans.Inference.Simulator.Stats;

namespace Orleans.Inference.Simulator.Json;

/// <summary>Source-generated JSON for the Simulator's own bodies; use it through <see cref="SimulatorJson.Context"/>.</summary>
[JsonSerializable(typeof(StatsResponse))]
[JsonSerializable(typeof(FaultOptions))]
[JsonSerializable(typeof(PropsResponse))]
internal sealed partial class SimulatorJsonContext : JsonSerializerContext;
