using Microsoft.Extensions.Options;

namespace Orleans.Inference.Simulator.Faults;

/// <summary>Fault injection: its options, validated at start, and the injector that applies them.</summary>
internal static class FaultServiceCollectionExtensions
{
    public static IServiceCollection AddFaults(this IServiceCollection services)
    {
        services.AddOptions<FaultOptions>().BindConfiguration(FaultOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<FaultOptions>, FaultOptionsValidator>();
        services.AddSingleton<FaultInjector>();
        return services;
    }
}
