using Orleans.Inference.Models;
using Orleans.Inference.OpenAiProtocol.Requests;

namespace Orleans.Inference.ApiHost.Requests;

/// <summary>A catalog model's limits, as the protocol's validation takes them.</summary>
internal static class ModelLimits
{
    public static TokenLimits TokenLimits(this ModelOptions model) => new(model.DefaultMaxTokens, model.MaxOutputTokens);
}
