namespace Orleans.Inference.Simulator.Requests;

/// <summary>The gate every generation request passes.</summary>
internal static class GenerationServiceCollectionExtensions
{
    public static IServiceCollection AddGenerationGate(this IServiceCollection services) => services.AddSingleton<GenerationGate>();
}
