namespace Orleans.Inference.Backends.Http.Json;

/// <summary>One choice of a chunk: <see cref="Text"/> for completions, <see cref="Delta"/> (streamed) or <see cref="Message"/> for chat.</summary>
internal sealed class BackendChoice
{
    public int Index { get; set; }

    public string? Text { get; set; }

    public BackendMessage? Delta { get; set; }

    public BackendMessage? Message { get; set; }

    public string? FinishReason { get; set; }

    public string Content => Text ?? Delta?.Content ?? Message?.Content ?? string.Empty;
}
