namespace Orleans.Inference.Backends.Http.Json;

/// <summary>One model a replica serves.</summary>
internal sealed class BackendModelEntry
{
    public string? Id { get; set; }
}
