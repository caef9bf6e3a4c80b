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

        // The panel is redrawn every second: each look reads its rows in one script, a snapshot that cannot go stale.
        var rows = chromium.Wait(TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(100)).Until(_ =>
        {
            var shown = ((IEnumerable<object>)chromium.Driver.ExecuteScript(
                    "return [...document.querySelectorAll('#backends tbody tr')].map(r => [r.dataset.replica, r.cells[2].className, ...[...r.cells].map(c => c.textContent)])")!)
                .Select(row => ((IEnumerable<object>)row).Select(cell => (string)cell).ToList())
                .Select(row => (Replica: row[0], BreakerClass: row[1], Cells: row[2..]))
                .ToList();
            return replicas.All(replica => shown.Any(row => row.Replica == replica)) ? shown : null;
        });

        Assert.True(chromium.Driver.FindElement(By.Id("backends")).Displayed, "the panel shows once there are replicas");
        var shared = rows.First(row => row.Replica == replicas[0]);
        Assert.Equal(["shared", replicas[0]], shared.Cells[..2]);
        // Whatever other tests did to other endpoints, the shared replicas serve: their breakers are closed.
        Assert.Equal("closed", shared.Cells[2]);
        Assert.Contains("closed", shared.BreakerClass, StringComparison.Ordinal);
        output.WriteLine($"{rows.Count} replicas listed: {chromium.Screenshot("dashboard-backends.png")}");
    }
}
