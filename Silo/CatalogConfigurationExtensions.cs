using Microsoft.Extensions.Configuration.Json;

namespace Orleans.Inference.Silo;

/// <summary>The Silo serves the same catalog as the ApiHost; the catalog lives in the ApiHost's appsettings.json.</summary>
internal static class CatalogConfigurationExtensions
{
    public const string FileName = "apihost.appsettings.json";

    /// <summary>Adds the ApiHost's settings below every other source, so the Silo's own files, environment and command line win.</summary>
    public static void AddApiHostCatalog(this IConfigurationManager configuration)
    {
        var source = new JsonConfigurationSource { Path = Path.Combine(AppContext.BaseDirectory, FileName), Optional = true };
        source.ResolveFileProvider();
        configuration.Sources.Insert(0, source);
    }
}
