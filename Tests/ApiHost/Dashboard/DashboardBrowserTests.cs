using OpenQA.Selenium;
using Orleans.Inference.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Orleans.Inference.Tests.ApiHost.Dashboard;

/// <summary>The dashboard as a person uses it: a real headless Chromium against the real ApiHost on loopback.</summary>
[Collection(ApiHostCollection.Name)]
public sealed class DashboardBrowserTests(ApiHostFactory host, ITestOutputHelper output)
{
    [Fact]
    public void Dashboard_LoadClicked_ProgressBarAdvancesToReady()
    {
        using var chromium = new HeadlessChromium();
        var browser = chromium.Driver;
        // Polled often: the model loads in 3 s, 5 % at a time, and the test must see it part way.
        var wait = chromium.Wait(TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(50));

        browser.Navigate().GoToUrl(host.BaseAddress);
        var card = wait.Until(page => page.FindElements(By.CssSelector($"section[data-model='{TestCatalog.Watched}']")).SingleOrDefault());
        Assert.EndsWith("/dashboard", browser.Url, StringComparison.Ordinal);
        Assert.Equal("Unloaded", card.GetDomAttribute("data-state"));
        Assert.True(browser.FindElement(By.Id("simulation-note")).Displayed, "the page says the backend is simulated");

        // Centred, so the screenshots show its progress bar and not just the edge of its card.
        browser.ExecuteScript("arguments[0].scrollIntoView({ block: 'center' })", card);
        card.FindElement(By.CssSelector("button.load")).Click();
        var progress = card.FindElement(By.CssSelector(".progress"));
        var seen = new SortedSet<int>();
        wait.Until(_ =>
        {
            var state = card.GetDomAttribute("data-state");
            if (state == "Loading" && progress.Displayed && int.TryParse(progress.GetDomAttribute("aria-valuenow"), out var percent)
                && seen.Add(percent) && percent is > 0 and < 100 && seen.Count(p => p is > 0 and < 100) == 1)
            {
                output.WriteLine($"Part way: {chromium.Screenshot("dashboard-loading.png")}");
            }

            return state == "Ready";
        });

        Assert.Contains(seen, percent => percent is > 0 and < 100);
        Assert.False(progress.Displayed, "the progress bar goes once the model is ready");
        Assert.False(card.FindElement(By.CssSelector("button.load")).Enabled);
        output.WriteLine($"Percents seen: {string.Join(", ", seen)}; ready: {chromium.Screenshot("dashboard-ready.png")}");
    }
}
