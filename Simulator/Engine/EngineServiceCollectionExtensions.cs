using Microsoft.Extensions.Options;

namespace Orleans.Inference.Simulator.Engine;

/// <summary>The simulated models: their options, validated at start, their engines, and their load before the server listens.</summary>
internal static class EngineServiceCollectionExtensions
{
    public static IServiceCollection AddSimulatedModels(this IServiceCollection services)
    {
        services.AddOptions<SimulatorOptions>().BindConfiguration(SimulatorOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SimulatorOptions>, SimulatorOptionsValidator>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<SimulatedModels>();
        services.AddHostedService<ModelLoader>();
        return services;
    }
}
