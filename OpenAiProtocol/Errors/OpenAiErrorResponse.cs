namespace Orleans.Inference.OpenAiProtocol.Errors;

/// <summary>OpenAI's error body: <c>{"error":{"message","type","param","code"}}</c>.</summary>
public sealed record OpenAiErrorResponse(OpenAiError Error);
