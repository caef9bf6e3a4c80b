using System.Text.Json.Serialization;

namespace Orleans.Inference.Simulator.Models;

/// <summary>A model as OpenAI lists it.</summary>
/// <param name="Id">The id clients send as <c>model</c>.</param>
/// <param name="Created">Unix seconds: the server's start.</param>
/// <param name="OwnedBy">Always <c>simulator</c>: these are simulations, not models.</param>
public sealed record ModelObject(string Id, long Created, string OwnedBy)
{
    /// <summary>Always <c>model</c>.</summary>
    [JsonPropertyOrder(-1)]
    public string Object => "model";
}
