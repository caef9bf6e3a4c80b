using System.Text.Json.Serialization;
using Orleans.Inference.ApiHost.Admin;
using Orleans.Inference.ApiHost.Catalog;
using Orleans.Inference.OpenAiProtocol.Responses;

namespace Orleans.Inference.ApiHost.Json;

/// <summary>Source-generated JSON for the gateway's own bodies; use it through <see cref="GatewayJson.Context"/>.</summary>
[JsonSerializable(typeof(ModelList<GatewayModelObject>))]
[JsonSerializable(typeof(GatewayModelObject))]
[JsonSerializable(typeof(AdminModelStatus))]
[JsonSerializable(typeof(AdminModelList))]
[JsonSerializable(typeof(RegisterModelRequest))]
internal sealed partial class GatewayJsonContext : JsonSerializerContext;
