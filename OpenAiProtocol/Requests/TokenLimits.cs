namespace Orleans.Inference.OpenAiProtocol.Requests;

/// <summary>A model's token limits, as validation applies them.</summary>
/// <param name="DefaultMaxTokens">The <c>max_tokens</c> of a request that does not say (OpenAI's completions default is 16).</param>
/// <param name="MaxOutputTokens">The largest <c>max_tokens</c> a request may ask for.</param>
public readonly record struct TokenLimits(int DefaultMaxTokens, int MaxOutputTokens);
