namespace Orleans.Inference.Backends.Http.Json;

/// <summary><c>GET /v1/models</c>: the ids a replica serves.</summary>
internal sealed class BackendModelList
{
    public List<BackendModelEntry>? Data { get; set; }
}
