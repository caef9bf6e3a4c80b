namespace Orleans.Inference.ApiHost.Catalog;

/// <summary>OpenAI's list shape: <c>{"object":"list","data":[...]}</c>.</summary>
public sealed record ModelList(ModelObject[] Data)
{
    /// <summary>Always <c>list</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyOrder(-1)]
    public string Object => "list";
}
