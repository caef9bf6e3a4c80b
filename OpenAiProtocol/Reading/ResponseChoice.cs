namespace Orleans.Inference.OpenAiProtocol.Reading;

/// <summary>One choice of a chunk: <see cref="Text"/> for completions, <see cref="Delta"/> (streamed) or <see cref="Message"/> for chat.</summary>
public sealed class ResponseChoice
{
    public int Index { get; set; }

    public string? Text { get; set; }

    public ResponseMessage? Delta { get; set; }

    public ResponseMessage? Message { get; set; }

    public string? FinishReason { get; set; }

    /// <summary>The choice's text, whichever field carried it.</summary>
    public string Content => Text ?? Delta?.Content ?? Message?.Content ?? string.Empty;
}
