using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Inference.ApiHost.Auth;
using Orleans.Inference.Backends.Http;

namespace Orleans.Inference.ApiHost.Dashboard;

/// <summary>
/// The live dashboard at <c>/dashboard</c>: a page of static files (ApiHost/wwwroot/dashboard) that shows the models,
/// loads and unloads them through the admin API, and charts each model's last minute from <c>/dashboard/stats</c>.
/// </summary>
public static class DashboardApi
{
    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
    };

    public static IServiceCollection AddDashboard(this IServiceCollection services)
    {
        services.AddOptions<DashboardOptions>().BindConfiguration(DashboardOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<DashboardMetrics>();
        return services;
    }

    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/", () => TypedResults.Redirect("/dashboard")).WithName("DashboardRedirect")
            .WithSummary("Redirects to the dashboard").ExcludeFromDescription();
        var dashboard = routes.MapGroup("/dashboard").WithTags("Dashboard");
        dashboard.MapGet("/", Page).WithName("Dashboard").WithSummary("The dashboard page").ExcludeFromDescription();
        dashboard.MapGet("/{asset}", Asset).WithName("DashboardAsset").WithSummary("The page's scripts and styles").ExcludeFromDescription();
        dashboard.MapGet("/stats", Stats).WithName("DashboardStats").RequireGatewayAccess(GatewayAccess.Metrics)
            .WithSummary("Per model and second, over the last minute: requests, p99 latency, mean batch size, longest queue; each backend replica's circuit breaker");
        return routes;
    }

    internal static Results<PhysicalFileHttpResult, NotFound> Page(HttpContext http, IWebHostEnvironment environment, DashboardMetrics metrics)
    {
        metrics.Touch(); // the charts' window starts as the page opens, not at its first poll a second later
        return Asset("index.html", http, environment);
    }

    internal static Results<PhysicalFileHttpResult, NotFound> Asset(string asset, HttpContext http, IWebHostEnvironment environment)
    {
        var file = environment.WebRootFileProvider.GetFileInfo($"dashboard/{asset}");
        if (file is not { Exists: true, PhysicalPath: { } path } || !ContentTypes.TryGetValue(Path.GetExtension(asset), out var contentType))
            return TypedResults.NotFound();

        // Revalidated on every load (a 304 costs little): after an upgrade, a cached script must not drive the new API.
        http.Response.Headers.CacheControl = "no-cache";
        return TypedResults.PhysicalFile(path, contentType, lastModified: file.LastModified);
    }

    internal static JsonHttpResult<DashboardStats> Stats(DashboardMetrics metrics, IServiceProvider services) =>
        TypedResults.Json(
            // A host in client mode runs no batches, so it calls no backend.
            metrics.Snapshot() with { Backends = services.GetService<BackendEndpoints>()?.Replicas() ?? [] },
            DashboardJsonContext.Default.DashboardStats);
}
