using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Inference.ApiHost.Quotas;
using Orleans.Inference.Hosting;

namespace Orleans.Inference.ApiHost.Auth;

/// <summary>
/// API keys (section <c>Auth</c>): ASP.NET Core authentication with <see cref="ApiKeyAuthenticationHandler"/>, the
/// policies of <see cref="AuthPolicies"/>, and per-key rate limits (<see cref="KeyRateLimiter"/>). Endpoints say what they
/// need with <see cref="GatewayAccessExtensions.RequireGatewayAccess"/>. With no key configured none of it is registered
/// or added to the pipeline: the gateway stays open and requests pay nothing.
/// </summary>
internal static class GatewayAuthExtensions
{
    public static WebApplicationBuilder AddGatewayAuth(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.SectionName)
            .Configure<IConfiguration>((options, configuration) => options.BindKeys(configuration)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>());
        // Endpoints take it either way; without keys it admits everything at once.
        services.TryAddSingleton<QuotaLedger>();
        services.TryAddKeyedSingleton(QuotaTime.Key, TimeProvider.System);

        // Decided on the configuration, not the bound options: the framework adds authentication middleware by itself
        // to any app with authentication services, so without keys there must be none.
        if (!AuthOptions.IsConfigured(builder.Configuration)) return builder;

        services.TryAddSingleton<ApiKeyRing>();
        services.AddAuthentication(AuthPolicies.Scheme).AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(AuthPolicies.Scheme, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(AuthPolicies.Inference, policy => policy.RequireRole(AuthPolicies.Inference))
            .AddPolicy(AuthPolicies.Admin, policy => policy.RequireRole(AuthPolicies.Admin));
        services.AddRateLimiter(KeyRateLimiter.Configure);
        services.ConfigureSwaggerGen(ApiKeySwagger.Configure);
        return builder;
    }

    /// <summary>Authentication, authorization and, when a key has limits, the rate limiter; nothing without keys.</summary>
    public static WebApplication UseGatewayAuth(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<AuthOptions>>().Value;
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(GatewayAuthExtensions).FullName!);
        if (app.Services.GetService<ApiKeyRing>() is not { } keys)
        {
            var limits = options.RateLimits;
            if (limits.RequestsPerSecond > 0 || limits.ConcurrentRequests > 0) AuthLog.LimitsWithoutKeys(logger);
            return app;
        }

        app.UseAuthentication();
        app.UseAuthorization();
        if (keys.HasLimits) app.UseRateLimiter(); // after authorization: it partitions by the key, and a refused request spends no token

        var limited = keys.Identities.Count(key => key.Limits.IsLimited);
        AuthLog.Enabled(logger, options.ApiKeys.Count, options.AdminKeys.Count, limited,
            options.ProtectMetrics ? "need a key" : "open", options.ProtectHealth ? "needs a key" : "open");
        if (options.AdminKeys.Count == 0) AuthLog.NoAdminKey(logger);
        return app;
    }
}
