using System.Text.Json.Serialization;

namespace Orleans.Inference.OpenAiProtocol.Responses;

/// <summary>A model as OpenAI lists it; a server may add its own fields in a derived record.</summary>
/// <param name="Id">The id clients send as <c>model</c>.</param>
/// <param name="Created">Unix seconds.</param>
/// <param name="OwnedBy">Who serves it; <c>simulator</c> for simulated models.</param>
public record ModelObject(string Id, long Created, string OwnedBy)
{
    /// <summary>Always <c>model</c>.</summary>
    [JsonPropertyOrder(-1)]
    public string Object => "model";
}
