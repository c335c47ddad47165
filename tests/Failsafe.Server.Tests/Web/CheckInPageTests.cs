using System.Text.Json;
using Microsoft.Playwright;

namespace Failsafe.Server.Tests.Web;

/// <summary>The morning check-in in Chromium at phone size: tapped in, saved through the API, prefilled on return, refused when out of range.</summary>
public sealed class CheckInPageTests(Browser browser)
{
    /// <summary>
    /// Script and console errors, less the answers the test expects the browser to report: the onboarding page's 404
    /// (while that page is not built) and, when <paramref name="refused"/>, the API's 400.
    /// </summary>
    private static List<string> Unexpected(WebServer server, bool refused = false) =>
        [.. server.Errors.Where(e => !(e.StartsWith("Failed to load resource", StringComparison.Ordinal)
            && (e.Contains("status of 404", StringComparison.Ordinal) || (refused && e.Contains("status of 400", StringComparison.Ordinal)))))];

    private static async Task<IPage> Lifter(WebServer server)
    {
        var page = await server.Visitor();
        await WebServer.CreateAccount(page);
        await PageApi.Lifter(page);
        return page;
    }

    /// <summary>In the scale asked by <paramref name="question"/> (its legend), taps the choice named <paramref name="choice"/> ("5 exhausted").</summary>
    private static Task Tap(IPage page, string question, string choice) =>
        page.GetByRole(AriaRole.Group, new() { Name = question }).GetByRole(AriaRole.Radio, new() { Name = choice, Exact = true }).TapAsync();

    private static async Task<JsonElement> Stored(IPage page)
    {
        var list = await PageApi.Call(page, "GET", "/api/checkins");
        list.GetArrayLength().ShouldBe(1);
        return list[0];
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Tapped_in_saved_then_prefilled_and_replaced(Provider provider)
    {
        await using var server = new WebServer(browser, provider);
        var page = await Lifter(server);
        var today = (await PageApi.Call(page, "GET", "/api/today")).GetProperty("date").GetString()!;

        await page.GotoAsync("/today");
        await page.GetByRole(AriaRole.Link, new() { Name = "Check-in", Exact = true }).First.TapAsync();
        await page.WaitForURLAsync("**/checkin");
        await page.GetByLabel("Sleep last night, in hours").FillAsync("7.5");
        await Tap(page, "How well did you sleep?", "4 well");
        await Tap(page, "How well did you sleep?", "5 very well");
        await Tap(page, "How tired are you?", "5 exhausted");
        await Tap(page, "How is your mood?", "3 so-so");
        await Tap(page, "How sore are your muscles?", "2 a little");
        await Tap(page, "Aches and pains in joints or tendons?", "1 none");
        await Tap(page, "How do you feel about training today?", "1 dreading it");
        (await page.GetByRole(AriaRole.Radio, new() { Name = "5 exhausted" }).IsCheckedAsync()).ShouldBeTrue();
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await Look.Check(page, "checkin");
        await Look.TapTargets(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save check-in" }).TapAsync();
        await page.WaitForURLAsync("**/today");

        var saved = await Stored(page);
        saved.GetProperty("date").GetString().ShouldBe(today);
        saved.GetProperty("sleepHours").GetDouble().ShouldBe(7.5);
        saved.GetProperty("sleepQuality").GetInt32().ShouldBe(5);
        saved.GetProperty("fatigue").GetInt32().ShouldBe(5);
        saved.GetProperty("mood").GetInt32().ShouldBe(3);
        saved.GetProperty("soreness").GetInt32().ShouldBe(2);
        saved.GetProperty("aches").GetInt32().ShouldBe(1);
        saved.GetProperty("motivation").GetInt32().ShouldBe(1);

        // Reopened, the page holds what was saved; changing one answer replaces the day's check-in, keeping the rest.
        await page.GotoAsync("/checkin");
        (await page.GetByLabel("Sleep last night, in hours").InputValueAsync()).ShouldBe("7.5");
        (await page.GetByRole(AriaRole.Radio, new() { Name = "5 very well" }).IsCheckedAsync()).ShouldBeTrue();
        (await page.GetByRole(AriaRole.Radio, new() { Name = "5 exhausted" }).IsCheckedAsync()).ShouldBeTrue();
        (await page.GetByRole(AriaRole.Radio, new() { Name = "1 dreading it" }).IsCheckedAsync()).ShouldBeTrue();
        (await page.GetByRole(AriaRole.Radio, new() { Name = "4 tired" }).IsCheckedAsync()).ShouldBeFalse();
        await page.GetByText("You checked in earlier today").WaitForAsync();
        await Tap(page, "How tired are you?", "4 tired");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save check-in" }).TapAsync();
        await page.WaitForURLAsync("**/today");
        saved = await Stored(page);
        saved.GetProperty("fatigue").GetInt32().ShouldBe(4);
        saved.GetProperty("sleepHours").GetDouble().ShouldBe(7.5);
        saved.GetProperty("motivation").GetInt32().ShouldBe(1);
        Unexpected(server).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Sleep_out_of_range_is_refused_with_the_APIs_message(Provider provider)
    {
        await using var server = new WebServer(browser, provider);
        var page = await Lifter(server);
        await page.GotoAsync("/checkin");
        var hours = page.GetByLabel("Sleep last night, in hours");
        await hours.FillAsync("30");
        await Tap(page, "How tired are you?", "1 fresh");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save check-in" }).TapAsync();

        var error = page.Locator("#checkin .form-error");
        await error.WaitForAsync();
        (await error.InnerTextAsync()).ShouldContain("30 is out of range (0–24)");
        (await hours.GetAttributeAsync("aria-invalid")).ShouldBe("true");
        page.Url.ShouldEndWith("/checkin");
        (await PageApi.Call(page, "GET", "/api/checkins")).GetArrayLength().ShouldBe(0);

        // Corrected, it saves.
        await hours.FillAsync("8");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save check-in" }).TapAsync();
        await page.WaitForURLAsync("**/today");
        (await Stored(page)).GetProperty("sleepHours").GetDouble().ShouldBe(8);
        Unexpected(server, refused: true).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task The_check_in_is_done_with_the_keyboard_alone(Provider provider)
    {
        await using var server = new WebServer(browser, provider);
        var page = await Lifter(server);
        await page.GotoAsync("/checkin");

        async Task<string> Focused() => await page.EvaluateAsync<string>("() => document.activeElement?.id ?? ''");
        for (var i = 0; i < 20 && await Focused() != "sleep-hours"; i++)
            await page.Keyboard.PressAsync("Tab");
        (await Focused()).ShouldBe("sleep-hours");
        await page.Keyboard.TypeAsync("6.5");
        // Each scale is one stop: Tab reaches its first choice, Space picks it, the arrows move the choice.
        foreach (var (field, value) in new[] { ("sleepQuality", 4), ("fatigue", 2), ("mood", 4), ("soreness", 3), ("aches", 1), ("motivation", 5) })
        {
            await page.Keyboard.PressAsync("Tab");
            (await Focused()).ShouldBe($"{field}-1");
            await page.Keyboard.PressAsync("Space");
            for (var i = 1; i < value; i++)
                await page.Keyboard.PressAsync("ArrowRight");
            (await Focused()).ShouldBe($"{field}-{value}");
        }
        await page.Keyboard.PressAsync("Tab");
        (await page.EvaluateAsync<string>("() => document.activeElement?.textContent?.trim() ?? ''")).ShouldBe("Save check-in");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**/today");

        var saved = await Stored(page);
        saved.GetProperty("sleepHours").GetDouble().ShouldBe(6.5);
        saved.GetProperty("sleepQuality").GetInt32().ShouldBe(4);
        saved.GetProperty("fatigue").GetInt32().ShouldBe(2);
        saved.GetProperty("mood").GetInt32().ShouldBe(4);
        saved.GetProperty("soreness").GetInt32().ShouldBe(3);
        saved.GetProperty("aches").GetInt32().ShouldBe(1);
        saved.GetProperty("motivation").GetInt32().ShouldBe(5);
        Unexpected(server).ShouldBeEmpty();
    }
}
