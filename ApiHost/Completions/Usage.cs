using Orleans.Inference.Generation;

namespace Orleans.Inference.ApiHost.Completions;

/// <summary>Token counts of a response.</summary>
public sealed record Usage(int PromptTokens, int CompletionTokens, int TotalTokens)
{
    internal static Usage Sum(IEnumerable<TokenUsage> usages)
    {
        int prompt = 0, completion = 0;
        foreach (var usage in usages)
        {
            prompt += usage.PromptTokens;
            completion += usage.CompletionTokens;
        }

        return new Usage(prompt, completion, prompt + completion);
    }
}
