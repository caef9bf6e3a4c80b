namespace Orleans.Inference.OpenAiProtocol.Reading;

/// <summary>A chat message or streamed delta as a server sent it; only its text matters to a client that routes it.</summary>
public sealed class ResponseMessage
{
    public string? Content { get; set; }
}
