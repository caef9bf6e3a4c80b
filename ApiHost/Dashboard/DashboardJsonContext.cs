using System.Text.Json.Serialization;

namespace Orleans.Inference.ApiHost.Dashboard;

/// <summary>Source-generated JSON for the dashboard's figures; nulls stay in, as gaps in the series.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(DashboardStats))]
internal sealed partial class DashboardJsonContext : JsonSerializerContext;
