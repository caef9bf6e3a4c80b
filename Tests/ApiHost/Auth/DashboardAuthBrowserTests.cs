using OpenQA.Selenium;
using OpenQA.Selenium.Support.UI;
using Orleans.Inference.Tests.ApiHost.Dashboard;
using Orleans.Inference.Tests.Infrastructure;

namespace Orleans.Inference.Tests.ApiHost.Auth;

/// <summary>The dashboard of a gateway with keys, in headless Chromium: it asks for the admin key, and again when refused.</summary>
[Collection(AuthApiHostCollection.Name)]
public sealed class DashboardAuthBrowserTests(AuthApiHostFactory host)
{
    [Fact]
    public void Dashboard_WithKeys_PromptsForTheAdminKeyAgainOn403AndThenLoads()
    {
        using var chromium = new HeadlessChromium();
        var browser = chromium.Driver;
        var wait = new WebDriverWait(new SystemClock(), browser, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(50));

        browser.Navigate().GoToUrl(new Uri(host.BaseAddress, "dashboard"));
        var prompt = Prompt(wait);
        Assert.Contains("needs an admin key", prompt.Text, StringComparison.Ordinal);
        prompt.Dismiss();

        // Declined: the page stops asking, says why it shows nothing, and offers its Admin key button.
        wait.Until(page => page.FindElement(By.Id("problem")).Text.Contains("needs an admin key", StringComparison.Ordinal));
        var button = browser.FindElement(By.Id("admin-key"));
        Assert.True(button.Displayed);
        button.Click();
        prompt = Prompt(wait);
        prompt.SendKeys(AuthApiHostFactory.InferenceKey);
        prompt.Accept();

        prompt = Prompt(wait);
        Assert.Contains("not an admin key", prompt.Text, StringComparison.Ordinal);
        prompt.SendKeys(AuthApiHostFactory.AdminKey);
        prompt.Accept();

        var card = wait.Until(page => page.FindElements(By.CssSelector($"section[data-model='{TestCatalog.Watched}']")).SingleOrDefault());
        Assert.Equal("Unloaded", card.GetDomAttribute("data-state"));
        card.FindElement(By.CssSelector("button.load")).Click();
        wait.Until(_ => card.GetDomAttribute("data-state") is "Loading" or "Ready");
        Assert.Equal(AuthApiHostFactory.AdminKey, browser.ExecuteScript("return sessionStorage.getItem('adminKey')"));
        Assert.False(card.FindElement(By.CssSelector(".action-error")).Displayed, "the load was accepted");
    }

    private static IAlert Prompt(WebDriverWait wait) => wait.Until(page =>
    {
        try
        {
            return page.SwitchTo().Alert();
        }
        catch (NoAlertPresentException)
        {
            return null;
        }
    });
}
