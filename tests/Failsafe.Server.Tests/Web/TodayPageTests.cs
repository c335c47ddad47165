using System.Text.Json;
using Microsoft.Playwright;

namespace Failsafe.Server.Tests.Web;

/// <summary>Today in Chromium at phone size: the day as the engine decided it, logging sets, the rest timer, undo, skip, swap, finish.</summary>
public sealed class TodayPageTests(Browser browser)
{
    /// <summary>The working sets stored for today, in order, as the API reports them.</summary>
    internal static async Task<List<JsonElement>> StoredSets(IPage page)
    {
        var sessions = await PageApi.Call(page, "GET", "/api/sessions");
        return [.. sessions.EnumerateArray().SelectMany(s => s.GetProperty("sets").EnumerateArray()).OrderBy(s => s.GetProperty("id").GetInt64())];
    }

    internal static async Task<IPage> LifterOnToday(WebServer server, bool phone = true)
    {
        var page = await server.Visitor(phone);
        await WebServer.CreateAccount(page);
        await PageApi.Lifter(page);
        await page.GotoAsync("/today");
        return page;
    }

    internal static async Task LogCurrent(IPage page, string weight, string reps, string? rir = null, bool failure = false, bool formBroke = false, bool synced = true)
    {
        var form = page.Locator("li.set.current form.log");
        await form.GetByLabel("Weight").FillAsync(weight);
        await form.GetByLabel("Reps").FillAsync(reps);
        if (rir is not null)
            await form.GetByLabel("RIR").FillAsync(rir);
        if (failure)
            await form.GetByText("Failure", new() { Exact = true }).ClickAsync();
        if (formBroke)
            await form.GetByText("Form broke").ClickAsync();
        await form.GetByRole(AriaRole.Button, new() { Name = "Log set" }).ClickAsync();
        if (synced)
            await Expect(page.Locator(".badge.waiting")).ToHaveCountAsync(0);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_lifter_logs_sets_and_finishes_the_day(Provider provider)
    {
        await using var server = new WebServer(browser, provider);
        var page = await LifterOnToday(server);
        var first = (await page.Locator("section.exercise").First.GetAttributeAsync("data-exercise"))!;
        await Expect(page.Locator("#next h2")).ToHaveTextAsync($"Next: {first}, set 1");
        await Look.Check(page, "today");
        await Look.TapTargets(page);

        // Set 1: the row is done at once, the rest timer runs, and the server's advice for set 2 follows.
        await LogCurrent(page, "60", "8", "3");
        await Expect(page.Locator("#rest")).ToBeVisibleAsync();
        await Expect(page.Locator("#rest-time")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d:\d\d$"));
        await Expect(page.Locator("#next h2")).ToHaveTextAsync($"Next: {first}, set 2");
        await Expect(page.Locator("li.set[data-set='1'] .did")).ToContainTextAsync("60 kg × 8 @ 3 RIR");
        await Look.Check(page, "today-resting");
        var sets = await StoredSets(page);
        sets.Count.ShouldBe(1);
        (sets[0].GetProperty("weightKg").GetDouble(), sets[0].GetProperty("reps").GetInt32(), sets[0].GetProperty("rir").GetDouble()).ShouldBe((60, 8, 3));

        // Set 2 to absolute failure: a bench press without a spotter must not fail (F4), so it is over for today and
        // the advice moves on; then a technical failure (form broke as the set ended) on the next exercise.
        await LogCurrent(page, "60", "10", failure: true);
        await Expect(page.Locator("li.set[data-set='2'] .did").First).ToContainTextAsync("absolute failure");
        await Expect(page.Locator("#next h2")).Not.ToContainTextAsync(first);
        await Expect(page.Locator("#next")).ToContainTextAsync("without a spotter or safeties: it is over for today");
        await LogCurrent(page, "50", "7", failure: true, formBroke: true);
        await Expect(page.Locator(".did", new() { HasTextString = "technical failure" })).ToHaveCountAsync(1);
        sets = await StoredSets(page);
        sets.Select(s => s.GetProperty("failure").GetString()).ShouldBe(["none", "absolute", "technical"]);
        sets[2].GetProperty("formBreakdown").GetBoolean().ShouldBeTrue();

        // Undo takes the last set back.
        await page.GetByRole(AriaRole.Button, new() { Name = "Undo last set" }).ClickAsync();
        await Expect(page.Locator(".did", new() { HasTextString = "technical failure" })).ToHaveCountAsync(0);
        (await StoredSets(page)).Count.ShouldBe(2);

        // Skip the second exercise, swap the third.
        var exercises = await page.Locator("section.exercise").EvaluateAllAsync<string[]>("s => s.map(e => e.dataset.exercise)");
        var second = page.Locator($"section.exercise[data-exercise='{exercises[2]}']");
        await second.GetByRole(AriaRole.Button, new() { Name = "Skip" }).ClickAsync();
        await Expect(page.Locator(".skipped")).ToContainTextAsync(exercises[2]);
        await Expect(page.Locator($"section.exercise[data-exercise='{exercises[2]}']")).ToHaveCountAsync(0);
        var third = page.Locator($"section.exercise[data-exercise='{exercises[3]}']");
        await third.Locator("summary", new() { HasText = "Swap" }).ClickAsync();
        await third.GetByLabel("Do instead").FillAsync("dumbbell shoulder press");
        await third.GetByRole(AriaRole.Button, new() { Name = "Swap" }).ClickAsync();
        await Expect(page.Locator($"section.exercise[data-exercise='{exercises[3]}']")).ToHaveCountAsync(0);
        await Expect(page.Locator("section.exercise h2", new() { HasTextString = "Dumbbell Shoulder Press" })).ToHaveCountAsync(1);

        // A swap to something that is not an exercise is refused with the API's words.
        var fourth = page.Locator($"section.exercise[data-exercise='{exercises[4]}']");
        await fourth.Locator("summary", new() { HasText = "Swap" }).ClickAsync();
        await fourth.GetByLabel("Do instead").FillAsync("underwater basket weaving");
        await fourth.GetByRole(AriaRole.Button, new() { Name = "Swap" }).ClickAsync();
        await Expect(fourth.Locator(".form-error")).ToContainTextAsync("not a known exercise");

        // Finish: the session's RPE and how the lifter leaves.
        await page.Locator(".finish summary").ClickAsync();
        await page.GetByLabel("Session RPE").FillAsync("7");
        await page.GetByText("Better", new() { Exact = true }).ClickAsync();
        await page.Locator("#finish").GetByRole(AriaRole.Button, new() { Name = "Finish session" }).ClickAsync();
        await Expect(page.Locator(".session-end")).ToContainTextAsync("Session finished: RPE 7, leaving better");
        server.Errors.ShouldBeEmpty();
    }

    /// <summary>
    /// The whole first morning as a new lifter lives it, only through the pages: create an account, answer the
    /// onboarding (every day a training day, so today is one), check in, and log the first sets on Today.
    /// </summary>
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_new_lifter_signs_up_checks_in_and_trains_through_the_pages(Provider provider)
    {
        await using var server = new WebServer(browser, provider);
        var page = await server.Visitor();
        await WebServer.CreateAccount(page);
        await page.GetByLabel("Years of training").FillAsync("4");
        await page.GetByRole(AriaRole.Radio, new() { NameRegex = new("^Excellent") }).CheckAsync();
        await page.GetByLabel("Sleep (hours a night)").FillAsync("8");
        await page.GetByRole(AriaRole.Radio, new() { NameRegex = new("^Low") }).CheckAsync();
        await page.GetByLabel("Bodyweight").FillAsync("80");
        foreach (var day in new[] { "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday" })
            await page.GetByRole(AriaRole.Checkbox, new() { Name = day, Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save and make my plan" }).ClickAsync();
        await page.WaitForURLAsync("**/today");

        // The morning check-in, one tap from Today: a poor night.
        await page.GetByRole(AriaRole.Link, new() { Name = "Check-in" }).First.ClickAsync();
        await page.WaitForURLAsync("**/checkin");
        await page.GetByLabel("Sleep last night, in hours").FillAsync("5");
        foreach (var (field, value) in new[] { ("sleepQuality", 2), ("fatigue", 3), ("mood", 4), ("soreness", 2), ("aches", 1), ("motivation", 4) })
            await page.Locator($"label[for='{field}-{value}']").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save check-in" }).ClickAsync();
        await page.WaitForURLAsync("**/today");
        var checkins = await PageApi.Call(page, "GET", "/api/checkins");
        checkins.EnumerateArray().Single().GetProperty("sleepHours").GetDouble().ShouldBe(5);

        // Today follows: a set logged, the advice for the next one, the rest timer.
        var first = (await page.Locator("section.exercise").First.GetAttributeAsync("data-exercise"))!;
        await LogCurrent(page, "60", "8", "3");
        await Expect(page.Locator("#next h2")).ToHaveTextAsync($"Next: {first}, set 2");
        await Expect(page.Locator("#rest")).ToBeVisibleAsync();
        (await StoredSets(page)).Count.ShouldBe(1);
        server.Errors.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    public async Task The_plate_calculator_and_the_rpe_switch_work_on_the_weight_typed(Provider provider)
    {
        await using var server = new WebServer(browser, provider);
        var page = await LifterOnToday(server);
        var barbell = page.Locator("section.exercise[data-barbell='true'] li.set.current, section.exercise[data-barbell='true'] li.set").First;
        var form = barbell.Locator("form.log");
        if (!await form.IsVisibleAsync())
            await barbell.Locator("summary").ClickAsync();
        await form.GetByLabel("Weight").FillAsync("100");
        await form.GetByRole(AriaRole.Button, new() { Name = "Plates" }).ClickAsync();
        // 100 kg on a 20 kg bar: 40 kg a side, 25 + 15 from the standard plates.
        await Expect(form.Locator(".plates")).ToHaveTextAsync("Per side: 25 + 15 kg on a 20 kg bar.");
        await form.GetByLabel("RIR").FillAsync("2");
        await form.GetByText("Use RPE").ClickAsync();
        await Expect(form.GetByLabel("RPE", new() { Exact = true })).ToHaveValueAsync("8");
    }

    /// <summary>
    /// A set logged with the keyboard alone, on a desktop: Tab reaches the next set's Weight, Reps and RIR, Space ticks
    /// Failure, Enter logs it.
    /// </summary>
    [Theory]
    [InlineData(Provider.Sqlite)]
    public async Task A_set_is_logged_with_the_keyboard_alone_on_a_desktop(Provider provider)
    {
        await using var server = new WebServer(browser, provider);
        var page = await LifterOnToday(server, phone: false);
        await Look.Check(page, "today-desktop", screenshot: false);
        var form = page.Locator("li.set.current form.log");
        // From the top of the page, Tab until the Weight input of the next set has focus (no mouse).
        await page.Locator("body").FocusAsync();
        for (var i = 0; i < 60 && !await form.GetByLabel("Weight").EvaluateAsync<bool>("e => e === document.activeElement"); i++)
            await page.Keyboard.PressAsync("Tab");
        (await form.GetByLabel("Weight").EvaluateAsync<bool>("e => e === document.activeElement")).ShouldBeTrue("Tab never reached the next set's Weight");
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync("70");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync("9");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync("0");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Space");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator(".did").First).ToContainTextAsync("70 kg × 9, absolute failure");
        await Expect(page.Locator(".badge.waiting")).ToHaveCountAsync(0);
        var sets = await StoredSets(page);
        (sets.Single().GetProperty("weightKg").GetDouble(), sets.Single().GetProperty("reps").GetInt32(), sets.Single().GetProperty("failure").GetString()).ShouldBe((70, 9, "absolute"));
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
