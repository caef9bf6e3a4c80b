using System.Text.Json.Serialization;

namespace Orleans.Inference.OpenAiProtocol.Responses;

/// <summary>OpenAI's list shape: <c>{"object":"list","data":[...]}</c>, of <see cref="ModelObject"/>s or a server's richer kind.</summary>
public sealed record ModelList<TModel>(TModel[] Data)
    where TModel : ModelObject
{
    /// <summary>Always <c>list</c>.</summary>
    [JsonPropertyOrder(-1)]
    public string Object => "list";
}
