using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Orleans.Inference.ApiHost.Requests;

/// <summary>Registers <see cref="LimitsOptions"/> and hands the body size limit to Kestrel.</summary>
internal static class RequestLimitsExtensions
{
    public static IServiceCollection AddRequestLimits(this IServiceCollection services)
    {
        services.AddOptions<LimitsOptions>().BindConfiguration(LimitsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();

        // Kestrel enforces it as it reads, so a chunked body is cut off at the limit, not buffered first; it costs nothing per request.
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<LimitsOptions>>(
            (kestrel, limits) => kestrel.Limits.MaxRequestBodySize = limits.Value.MaxRequestBodyBytes);
        return services;
    }
}
