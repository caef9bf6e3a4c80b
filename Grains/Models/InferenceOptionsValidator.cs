using Microsoft.Extensions.Options;
using Orleans.Inference.Backends.Http;

namespace Orleans.Inference.Models;

/// <summary>Rejects a catalog that cannot work, at start-up rather than on the first request.</summary>
internal sealed class InferenceOptionsValidator : IValidateOptions<InferenceOptions>
{
    public ValidateOptionsResult Validate(string? name, InferenceOptions options)
    {
        var errors = options.Models.SelectMany(entry => ModelValidation.Problems(entry.Key, entry.Value)).ToList();
        errors.AddRange(options.Backends.SelectMany(entry => BackendValidation.Problems(entry.Key, entry.Value)));
        foreach (var (id, model) in options.Models)
        {
            if (model.Backend == Backends.BackendKind.OpenAI && model.OpenAI?.Endpoint is { Length: > 0 } endpoint && !options.Backends.ContainsKey(endpoint))
                errors.Add($"{InferenceOptions.SectionName}:Models:{id}:OpenAI:Endpoint names '{endpoint}', which is not in {InferenceOptions.SectionName}:Backends.");
        }

        if (options.MaxLoadedModels < 0) errors.Add($"{InferenceOptions.SectionName}:MaxLoadedModels must not be negative.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
