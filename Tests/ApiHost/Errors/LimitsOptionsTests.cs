using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Inference.ApiHost.Requests;

namespace Orleans.Inference.Tests.ApiHost.Errors;

/// <summary><c>Inference:Limits</c> binds, and a limit that would refuse every request (or none) is refused at start.</summary>
public sealed class LimitsOptionsTests
{
    [Fact]
    public void AddRequestLimits_Settings_AreBound()
    {
        var limits = Resolve(new() { ["Inference:Limits:MaxRequestBodyBytes"] = "65536", ["Inference:Limits:MaxPromptsPerRequest"] = "8" });

        Assert.Equal(65536, limits.MaxRequestBodyBytes);
        Assert.Equal(8, limits.MaxPromptsPerRequest);
        Assert.Equal(new LimitsOptions().MaxMessagesPerRequest, limits.MaxMessagesPerRequest);
    }

    [Theory]
    [InlineData("MaxRequestBodyBytes", "0")]
    [InlineData("MaxRequestBodyBytes", "10000000000")]
    [InlineData("MaxPromptsPerRequest", "0")]
    [InlineData("MaxMessagesPerRequest", "-1")]
    public void AddRequestLimits_OutOfRange_FailsValidation(string setting, string value)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve(new() { [$"Inference:Limits:{setting}"] = value }));

        Assert.Contains(setting, error.Message);
    }

    private static LimitsOptions Resolve(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddRequestLimits();
        return services.BuildServiceProvider().GetRequiredService<IOptions<LimitsOptions>>().Value;
    }
}
