using Orleans.Inference.OpenAiProtocol.Responses;

namespace Orleans.Inference.ApiHost.Catalog;

/// <summary>A model as OpenAI lists it, with the gateway's own fields after OpenAI's.</summary>
/// <param name="Id">The id clients send as <c>model</c>.</param>
/// <param name="Created">Unix seconds (the gateway's start for catalog models).</param>
/// <param name="OwnedBy"><c>simulator</c> for simulated models.</param>
/// <param name="Simulated">True when the backend is the simulated engine: its text is pseudo-text and its figures are not a real model's.</param>
/// <param name="State">Lifecycle state: Unloaded, Loading, Ready, Unloading or Failed.</param>
/// <param name="LoadProgress">Load progress, 0 to 100.</param>
public sealed record GatewayModelObject(string Id, long Created, string OwnedBy, bool Simulated, string State, int LoadProgress)
    : ModelObject(Id, Created, OwnedBy);
