namespace Orleans.Inference.Backends.Http.Json;

/// <summary>A chat message or delta; only its text matters here.</summary>
internal sealed class BackendMessage
{
    public string? Content { get; set; }
}
