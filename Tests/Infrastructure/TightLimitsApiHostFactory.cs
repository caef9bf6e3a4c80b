namespace Orleans.Inference.Tests.Infrastructure;

/// <summary>The ApiHost with small request limits, to show the settings reach the pipeline.</summary>
public sealed class TightLimitsApiHostFactory : ApiHostFactory
{
    public const int MaxRequestBodyBytes = 64 * 1024;
    public const int MaxPromptsPerRequest = 4;
    public const int MaxMessagesPerRequest = 3;

    protected override void AddSettings(Dictionary<string, string?> settings)
    {
        settings["Inference:Limits:MaxRequestBodyBytes"] = MaxRequestBodyBytes.ToString();
        settings["Inference:Limits:MaxPromptsPerRequest"] = MaxPromptsPerRequest.ToString();
        settings["Inference:Limits:MaxMessagesPerRequest"] = MaxMessagesPerRequest.ToString();
    }
}

[CollectionDefinition(Name)]
public sealed class TightLimitsApiHostCollection : ICollectionFixture<TightLimitsApiHostFactory>
{
    public const string Name = "apihost-tight-limits";
}
