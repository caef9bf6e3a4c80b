namespace Orleans.Inference.Tests.Infrastructure;

/// <summary>The ApiHost with the OrleansStreams token transport.</summary>
public sealed class OrleansStreamsApiHostFactory : ApiHostFactory
{
    protected override void AddSettings(Dictionary<string, string?> settings) =>
        settings["Inference:Streaming:Transport"] = "OrleansStreams";
}

[CollectionDefinition(Name)]
public sealed class OrleansStreamsApiHostCollection : ICollectionFixture<OrleansStreamsApiHostFactory>
{
    public const string Name = "apihost-orleans-streams";
}
