using System.Text.Json.Serialization;

namespace Orleans.Inference.Simulator.Models;

/// <summary>OpenAI's list shape: <c>{"object":"list","data":[...]}</c>.</summary>
public sealed record ModelList(ModelObject[] Data)
{
    /// <summary>Always <c>list</c>.</summary>
    [JsonPropertyOrder(-1)]
    public string Object => "list";
}
