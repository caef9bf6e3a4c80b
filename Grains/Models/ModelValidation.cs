namespace Orleans.Inference.Models;

/// <summary>What makes a model spec unworkable; shared by the configuration check and run-time registration.</summary>
internal static class ModelValidation
{
    public static IEnumerable<string> Problems(string id, ModelOptions model)
    {
        var at = $"{InferenceOptions.SectionName}:Models:{id}";
        if (string.IsNullOrWhiteSpace(id)) yield return "A model id must not be empty.";
        if (id.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))) yield return $"The model id '{id}' must not contain spaces or control characters.";
        if (model.MaxOutputTokens < 1) yield return $"{at}:MaxOutputTokens must be at least 1.";
        if (model.DefaultMaxTokens < 1 || model.DefaultMaxTokens > model.MaxOutputTokens)
            yield return $"{at}:DefaultMaxTokens must be between 1 and MaxOutputTokens.";
        if (model.LoadWaitTimeout < TimeSpan.Zero) yield return $"{at}:LoadWaitTimeout must not be negative.";
        if (model.DrainTimeout < TimeSpan.Zero) yield return $"{at}:DrainTimeout must not be negative.";
        if (model.KeepAlive is { } keepAlive && keepAlive <= TimeSpan.Zero) yield return $"{at}:KeepAlive must be positive (leave it out to keep the model loaded).";
        if (model.Batching is null || model.Simulation is null) yield return $"{at}: Batching and Simulation must not be null.";
        if (model.Batching is { MaxBatchSize: < 1 }) yield return $"{at}:Batching:MaxBatchSize must be at least 1.";
        if (model.Batching is { MaxConcurrentBatches: < 1 }) yield return $"{at}:Batching:MaxConcurrentBatches must be at least 1.";
        if (model.Batching is { BatchWindowMs: < 0 or > 1000 }) yield return $"{at}:Batching:BatchWindowMs must be between 0 and 1000.";
        if (model.Batching is { MaxQueueLength: < 1 }) yield return $"{at}:Batching:MaxQueueLength must be at least 1.";
        if (model.Batching is { QueueTimeoutMs: < 1 }) yield return $"{at}:Batching:QueueTimeoutMs must be at least 1.";
        if (model.Batching is { } batching && !Enum.IsDefined(batching.Policy)) yield return $"{at}:Batching:Policy must be Adaptive or Window.";
        if (model.Simulation is { } sim && (sim.LoadSeconds < 0 || sim.StepMs < 0 || sim.PerSequenceMs < 0 || sim.PrefillMsPerToken < 0 || sim.FailLoadCount < 0 || sim.PrefixCacheTokens < 0))
            yield return $"{at}:Simulation values must not be negative.";
        if (!Enum.IsDefined(model.Backend)) yield return $"{at}:Backend '{model.Backend}' is not a known backend kind.";
        if (model.Backend == Backends.BackendKind.OpenAI && string.IsNullOrWhiteSpace(model.OpenAI?.Endpoint))
            yield return $"{at}:OpenAI:Endpoint must name a backend endpoint (section {InferenceOptions.SectionName}:Backends).";
    }
}
