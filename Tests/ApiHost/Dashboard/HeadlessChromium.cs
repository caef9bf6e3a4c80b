using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;

namespace Orleans.Inference.Tests.ApiHost.Dashboard;

/// <summary>
/// Debian's Chromium, headless with a fresh profile, driven through Debian's chromedriver: nothing is downloaded
/// (scripts/test.sh installs both packages when they are missing).
/// </summary>
internal sealed class HeadlessChromium : IDisposable
{
    private const string BrowserPath = "/usr/bin/chromium";
    private const string DriverPath = "/usr/bin/chromedriver";

    private readonly DirectoryInfo _profile;

    public HeadlessChromium()
    {
        if (!File.Exists(BrowserPath) || !File.Exists(DriverPath))
            throw new InvalidOperationException($"{BrowserPath} and {DriverPath} are needed: apt-get install chromium chromium-driver (scripts/test.sh does).");

        _profile = Directory.CreateTempSubdirectory("dashboard-chromium-");
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(DriverPath)!, Path.GetFileName(DriverPath));
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        var options = new ChromeOptions { BinaryLocation = BrowserPath };
        options.AddArguments(
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", $"--user-data-dir={_profile.FullName}", "--window-size=1400,1000");
        Driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
    }

    public ChromeDriver Driver { get; }

    /// <summary>A wait on the page, polled every <paramref name="poll"/> for at most <paramref name="timeout"/>.</summary>
    public WebDriverWait Wait(TimeSpan timeout, TimeSpan poll) => new(new SystemClock(), Driver, timeout, poll);

    /// <summary>Saves what the browser shows as a PNG under the test output's <c>screenshots</c> folder; returns its path.</summary>
    public string Screenshot(string name)
    {
        var folder = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots"));
        var path = Path.Combine(folder.FullName, name);
        Driver.GetScreenshot().SaveAsFile(path);
        return path;
    }

    public void Dispose()
    {
        Driver.Quit();
        Driver.Dispose();
        try
        {
            _profile.Delete(recursive: true);
        }
        catch (IOException)
        {
            // Chromium's last writes can outlive Quit by a moment; a leftover temp folder harms nothing.
        }
    }
}
