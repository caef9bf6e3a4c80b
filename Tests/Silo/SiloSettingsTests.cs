using System.Text.Json.Nodes;
using Orleans.Inference.Tests.Infrastructure;

namespace Orleans.Inference.Tests.Silo;

/// <summary>
/// The Silo reads its catalog from its own appsettings.json; every host of a cluster must know the same models, so the
/// shipped Silo and ApiHost settings must agree on them.
/// </summary>
public sealed class SiloSettingsTests
{
    [Fact]
    public void AppSettings_SiloAndApiHost_ShipTheSameModelCatalogAndStreaming()
    {
        var silo = Inference("Silo", "Orleans.Inference.Silo");
        var apiHost = Inference("ApiHost", "Orleans.Inference.ApiHost");

        Assert.NotEmpty(silo["Models"]!.AsObject());
        Assert.True(JsonNode.DeepEquals(apiHost["Models"], silo["Models"]), "Inference:Models differs between the Silo and the ApiHost");
        Assert.True(JsonNode.DeepEquals(apiHost["Streaming"], silo["Streaming"]), "Inference:Streaming differs between the Silo and the ApiHost");
    }

    /// <summary>The <c>Inference</c> section of the appsettings.json built beside the project's assembly, as the host reads it.</summary>
    private static JsonNode Inference(string project, string assembly)
    {
        var settings = Path.Combine(Path.GetDirectoryName(DotnetProcess.ProjectDll(project, assembly))!, "appsettings.json");
        return JsonNode.Parse(File.ReadAllText(settings))!["Inference"]!;
    }
}
