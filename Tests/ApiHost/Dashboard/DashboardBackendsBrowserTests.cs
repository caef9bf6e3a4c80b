using OpenQA.Selenium;
using Orleans.Inference.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Orleans.Inference.Tests.ApiHost.Dashboard;

/// <summary>The dashboard's backend panel in a real headless Chromium, on a host with HTTP backends: a row per replica and its breaker.</summary>
[Collection(HttpBackendCollection.Name)]
public sealed class DashboardBackendsBrowserTests(HttpBackendApiHostFactory host, ITestOutputHelper output)
{
    [Fact]
    public void Dashboard_HostWithHttpBackends_ListsEveryReplicaWithItsCircuitBreaker()
    {
        var replicas = host.Shared.Concat(host.Prefix).Select(replica => replica.BaseAddress.ToString()).ToList();
        using var chromium = new HeadlessChromium();
        chromium.Driver.Navigate().GoToUrl(new Uri(host.BaseAddress, "dashboard"));

        var rows = chromium.Wait(TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(100)).Until(page =>
        {
            var shown = page.FindElements(By.CssSelector("#backends tbody tr"));
            return replicas.All(replica => shown.Any(row => row.GetDomAttribute("data-replica") == replica)) ? shown : null;
        });

        Assert.True(chromium.Driver.FindElement(By.Id("backends")).Displayed, "the panel shows once there are replicas");
        var shared = rows.First(row => row.GetDomAttribute("data-replica") == replicas[0]);
        var cells = shared.FindElements(By.TagName("td")).Select(cell => cell.Text).ToList();
        Assert.Equal(["shared", replicas[0]], cells[..2]);
        // Whatever other tests did to other endpoints, the shared replicas serve: their breakers are closed.
        Assert.Equal("closed", cells[2]);
        Assert.Contains("closed", shared.FindElement(By.CssSelector("td.breaker")).GetDomAttribute("class"), StringComparison.Ordinal);
        output.WriteLine($"{rows.Count} replicas listed: {chromium.Screenshot("dashboard-backends.png")}");
    }
}
