using Microsoft.Extensions.Options;

namespace Orleans.Inference.Models;

/// <summary>Rejects a catalog that cannot work, at start-up rather than on the first request.</summary>
internal sealed class InferenceOptionsValidator : IValidateOptions<InferenceOptions>
{
    public ValidateOptionsResult Validate(string? name, InferenceOptions options)
    {
        var errors = options.Models.SelectMany(entry => ModelValidation.Problems(entry.Key, entry.Value)).ToList();
        if (options.MaxLoadedModels < 0) errors.Add($"{InferenceOptions.SectionName}:MaxLoadedModels must not be negative.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
