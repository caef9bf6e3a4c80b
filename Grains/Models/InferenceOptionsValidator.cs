using Microsoft.Extensions.Options;

namespace Orleans.Inference.Models;

/// <summary>Rejects a catalog that cannot work, at start-up rather than on the first request.</summary>
internal sealed class InferenceOptionsValidator : IValidateOptions<InferenceOptions>
{
    public ValidateOptionsResult Validate(string? name, InferenceOptions options)
    {
        var errors = new List<string>();
        foreach (var (id, model) in options.Models)
        {
            var at = $"{InferenceOptions.SectionName}:Models:{id}";
            if (string.IsNullOrWhiteSpace(id)) errors.Add("A model id must not be empty.");
            if (model.MaxOutputTokens < 1) errors.Add($"{at}:MaxOutputTokens must be at least 1.");
            if (model.DefaultMaxTokens < 1 || model.DefaultMaxTokens > model.MaxOutputTokens)
                errors.Add($"{at}:DefaultMaxTokens must be between 1 and MaxOutputTokens.");
            if (model.LoadWaitTimeout < TimeSpan.Zero) errors.Add($"{at}:LoadWaitTimeout must not be negative.");
            if (model.Batching.MaxBatchSize < 1) errors.Add($"{at}:Batching:MaxBatchSize must be at least 1.");
            if (model.Batching.MaxConcurrentBatches < 1) errors.Add($"{at}:Batching:MaxConcurrentBatches must be at least 1.");
            var sim = model.Simulation;
            if (sim.LoadSeconds < 0 || sim.StepMs < 0 || sim.PerSequenceMs < 0 || sim.PrefillMsPerToken < 0)
                errors.Add($"{at}:Simulation costs must not be negative.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
