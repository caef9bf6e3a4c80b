namespace Orleans.Inference.Tests.Infrastructure;

/// <summary>The ApiHost with no model loaded at start: not ready until someone loads one.</summary>
public sealed class NothingLoadedApiHostFactory : ApiHostFactory
{
    protected override void AddSettings(Dictionary<string, string?> settings)
    {
        foreach (var key in settings.Keys.Where(key => key.EndsWith(":LoadOnStart", StringComparison.Ordinal)).ToList()) settings[key] = "false";

        // The models of ApiHost/appsettings.json that load at start.
        settings["Inference:Models:sim-small:LoadOnStart"] = "false";
        settings["Inference:Models:sim-instant:LoadOnStart"] = "false";
    }
}

[CollectionDefinition(Name)]
public sealed class NothingLoadedApiHostCollection : ICollectionFixture<NothingLoadedApiHostFactory>
{
    public const string Name = "apihost-nothing-loaded";
}
