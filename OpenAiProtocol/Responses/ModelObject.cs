using System.Text.Json.Serialization;

namespace Orleans.Inference.OpenAiProtocol.Responses;

/// <summary>A model as OpenAI lists it; a server may add its own fields in a derived record, written after OpenAI's.</summary>
/// <param name="Id">The id clients send as <c>model</c>.</param>
/// <param name="Created">Unix seconds.</param>
/// <param name="OwnedBy">Who serves it; <c>simulator</c> for simulated models.</param>
public record ModelObject(
    [property: JsonPropertyOrder(-4)] string Id,
    [property: JsonPropertyOrder(-2)] long Created,
    [property: JsonPropertyOrder(-1)] string OwnedBy)
{
    /// <summary>Always <c>model</c>.</summary>
    [JsonPropertyOrder(-3)]
    public string Object => "model";
}
