using Microsoft.Extensions.Options;

namespace Orleans.Inference.Simulator.Engine;

/// <summary>Rejects model settings the engine cannot run, at start-up.</summary>
internal sealed class SimulatorOptionsValidator : IValidateOptions<SimulatorOptions>
{
    public ValidateOptionsResult Validate(string? name, SimulatorOptions options)
    {
        const string Section = SimulatorOptions.SectionName;
        var errors = new List<string>();
        if (options.Models.Count == 0) errors.Add($"{Section}:Models must hold at least one model.");
        if (options.MaxOutputTokens < 1) errors.Add($"{Section}:MaxOutputTokens must be at least 1.");
        foreach (var (id, model) in options.Models)
        {
            if (model.LoadSeconds < 0 || model.StepMs < 0 || model.PerSequenceMs < 0 || model.PrefillMsPerToken < 0 || model.PrefixCacheTokens < 0)
                errors.Add($"{Section}:Models:{id}: LoadSeconds, StepMs, PerSequenceMs, PrefillMsPerToken and PrefixCacheTokens must not be negative.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
