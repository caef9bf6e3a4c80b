using Orleans.Inference.Generation;

namespace Orleans.Inference.OpenAiProtocol.Responses;

/// <summary>Token counts of a response, or (in a stream with continuous usage stats) of one choice so far.</summary>
public sealed record Usage(int PromptTokens, int CompletionTokens, int TotalTokens)
{
    public static Usage Of(int promptTokens, int completionTokens) => new(promptTokens, completionTokens, promptTokens + completionTokens);

    public static Usage Of(TokenUsage usage) => Of(usage.PromptTokens, usage.CompletionTokens);

    public static Usage Sum(IEnumerable<TokenUsage> usages)
    {
        int prompt = 0, completion = 0;
        foreach (var usage in usages)
        {
            prompt += usage.PromptTokens;
            completion += usage.CompletionTokens;
        }

        return Of(prompt, completion);
    }
}
