using Failsafe.Tests.Shared;
using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(Failsafe.Server.Tests.Web.Browser))]

namespace Failsafe.Server.Tests.Web;

/// <summary>
/// One Chromium for the test run: the one from Debian (<c>/usr/bin/chromium</c>, or <c>FAILSAFE_CHROMIUM</c>), driven
/// by Playwright; Playwright's own browser download is never used. Without Chromium a browser test skips on a
/// developer machine and fails in CI (<c>CI=true</c>), as the PostgreSQL tests do.
/// </summary>
public sealed class Browser : IAsyncLifetime
{
    public const string PathVariable = "FAILSAFE_CHROMIUM";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>A phone: 390 × 844 CSS pixels, touch, as the app is used between sets.</summary>
    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    public static readonly ViewportSize Desktop = new() { Width = 1280, Height = 900 };

    public static string ExecutablePath => Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } p ? p : "/usr/bin/chromium";

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
            return;
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>The browser, or a skip (developer machine) / failure (CI) when Chromium is not installed.</summary>
    public IBrowser Require()
    {
        if (_browser is not null)
            return _browser;
        var how = $"install it (`apt-get install -y chromium`) or set {PathVariable} to a Chromium binary; `.ci/run` installs it";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            Assert.Fail($"CI=true: Chromium is missing at {ExecutablePath}: {how}.");
        Assert.Skip($"Browser tests skipped: no Chromium at {ExecutablePath}; {how}.");
        return null!;
    }

    /// <summary>A fresh browser context (its own cookies, storage and service workers) at phone or desktop size.</summary>
    public async Task<IBrowserContext> Context(string baseUrl, bool phone = true, ColorScheme scheme = ColorScheme.Light)
    {
        var context = await Require().NewContextAsync(new()
        {
            BaseURL = baseUrl,
            ViewportSize = phone ? Phone : Desktop,
            IsMobile = phone,
            HasTouch = phone,
            DeviceScaleFactor = phone ? 2 : 1,
            ColorScheme = scheme,
            Locale = "en-GB",
            ServiceWorkers = ServiceWorkerPolicy.Allow,
        });
        context.SetDefaultTimeout(15_000);
        return context;
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
            await _browser.DisposeAsync();
        _playwright?.Dispose();
    }

    /// <summary>Where the tests write the pages' screenshots: docs/screenshots, shown in the README.</summary>
    public static string ScreenshotPath(string name) => Path.Combine(NodeTool.RepoRoot(), "docs", "screenshots", name + ".png");
}
